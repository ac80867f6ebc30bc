using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Accounts;
using StpCollector.Audit;
using StpCollector.Contacts;
using StpCollector.Foi;
using StpCollector.Outbox;
using StpCollector.Tests.Support;
using static StpCollector.Tests.Foi.FoiTestData;

namespace StpCollector.Tests.Web;

/// <summary>Officers send FoI requests from the console as `foi create` does: the form, a check page, then the batch queued.</summary>
public sealed class FoiCreatePageTests
{
    [Test]
    public async Task An_officer_checks_the_requests_then_sends_one_to_each_councils_foi_contact()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        await AddFoiContactsAsync(server, NorthCentralLondon);
        using var officer = await server.SignInAsync("officer@lga.test", StaffRole.Officer);
        Assert.That((await officer.GetAsync("/foi")).Body, Does.Contain("href=\"/foi/new\""));
        var (formStatus, formPage) = await officer.GetAsync("/foi/new");
        Assert.That(formStatus, Is.EqualTo(HttpStatusCode.OK));
        var form = PageAssertions.Parse(formPage);
        Assert.That(form.QuerySelector("#AudienceKind-footprint"), Is.Not.Null, "the round form's audience picker");
        Assert.That(form.QuerySelector("#Questionnaire option[value='']")!.TextContent, Is.EqualTo("No questionnaire"));
        Assert.That(form.QuerySelector("#AllowMissingContacts"), Is.Not.Null);

        var answers = Answers("<script>alert(1)</script> involvement");
        using var checking = await officer.PostFormAsync("/foi/new", answers);
        var check = await checking.Content.ReadAsStringAsync();
        Assert.That(checking.StatusCode, Is.EqualTo(HttpStatusCode.OK), check);
        var page = PageAssertions.Parse(check);
        Assert.That(page.QuerySelector("h1")!.TextContent, Does.Contain("Check the FoI requests"));
        Assert.That(page.QuerySelector("#request-count")!.TextContent, Does.Contain("5 requests will be sent").And.Contain("footprint north-central-london"));
        Assert.That(page.QuerySelector("#without-contact"), Is.Null);
        PageAssertions.ShowsAsText(check, "&lt;script&gt;alert(1)&lt;/script&gt; involvement");
        Assert.That(await server.Services.GetRequiredService<FoiRequestStore>().ListAsync(), Is.Empty, "checking stores nothing");

        using var sent = await officer.PostFormAsync("/foi/new?handler=send", answers, formPage: "/foi/new");
        Assert.That(sent.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await sent.Content.ReadAsStringAsync());
        Assert.That(sent.Headers.Location!.ToString(), Is.EqualTo("/foi?batch=1&done=created"));
        var list = (await officer.GetAsync("/foi?batch=1&done=created")).Body;
        Assert.That(WebUtility.HtmlDecode(list), Does.Contain("5 FoI requests queued to send (batch 1).").And.Not.Contain("Not sent to"));
        PageAssertions.ShowsAsText(list, "&lt;script&gt;alert(1)&lt;/script&gt; involvement");

        var queued = await server.Services.GetRequiredService<OutboxBrowser>().ListAsync("pending", "foi_request", null, 50, CancellationToken.None);
        Assert.That(queued.Select(m => m.Recipient), Is.EquivalentTo(NorthCentralLondon.Select(FoiAddress)));
        var audit = (await server.Services.GetRequiredService<AuditLog>().ListAsync(null, 20)).Single(a => a.Action == "foi create");
        Assert.That((audit.Actor, audit.RecordType, audit.RecordId), Is.EqualTo(("officer@lga.test", "foi_batch", "1")));
        Assert.That(audit.Detail, Does.Contain("5 request(s) queued"));
    }

    [TestCase("Title", "", "Enter a title for the request")]
    [TestCase("Body", " ", "Enter the text of the request")]
    [TestCase("AudienceKind", "", "Choose who the requests are for")]
    [TestCase("FootprintId", "", "Choose the footprint whose councils the requests are for")]
    [TestCase("Questionnaire", "no-such-questionnaire", "Choose a questionnaire from the list")]
    public async Task Wrong_answers_are_shown_beside_their_field_and_nothing_is_sent(string field, string value, string message)
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        await AddFoiContactsAsync(server, NorthCentralLondon);
        using var officer = await server.SignInAsync("officer@lga.test", StaffRole.Officer);
        var answers = Answers("Council involvement");
        answers[field] = value;

        foreach (var path in new[] { "/foi/new", "/foi/new?handler=send" })
        {
            using var response = await officer.PostFormAsync(path, answers, formPage: "/foi/new");
            var body = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
            var page = PageAssertions.Parse(body);
            Assert.That(page.QuerySelector($"#{field}-error")?.TextContent, Does.Contain(message), body);
            Assert.That(page.QuerySelector(".govuk-error-summary")!.TextContent, Does.Contain(message));
            Assert.That(page.QuerySelector("#Body")!.TextContent, Is.EqualTo(answers["Body"]), "what was typed is kept");
        }

        Assert.That(await server.Services.GetRequiredService<FoiRequestStore>().ListAsync(), Is.Empty);
    }

    [Test]
    public async Task Councils_without_an_foi_contact_are_named_and_refused_unless_the_box_is_ticked()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        await AddFoiContactsAsync(server, NorthCentralLondon.Where(c => c != Camden));
        using var officer = await server.SignInAsync("officer@lga.test", StaffRole.Officer);
        var answers = Answers("Council involvement");

        using var checking = await officer.PostFormAsync("/foi/new", answers);
        var page = PageAssertions.Parse(await checking.Content.ReadAsStringAsync());
        Assert.That(page.QuerySelector("#request-count")!.TextContent, Does.Contain("4 requests will be sent"));
        Assert.That(page.QuerySelector("#without-contact")!.TextContent.Trim(), Is.EqualTo("Camden (E09000007)"));

        using var refused = await officer.PostFormAsync("/foi/new?handler=send", answers, formPage: "/foi/new");
        var refusedBody = await refused.Content.ReadAsStringAsync();
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(PageAssertions.Parse(refusedBody).QuerySelector("#AllowMissingContacts-error")!.TextContent, Does.Contain("1 council has no FoI contact").And.Contain("even if some have none"));
        Assert.That(await server.Services.GetRequiredService<FoiRequestStore>().ListAsync(), Is.Empty);

        answers["AllowMissingContacts"] = "true";
        using var sent = await officer.PostFormAsync("/foi/new?handler=send", answers, formPage: "/foi/new");
        Assert.That(sent.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await sent.Content.ReadAsStringAsync());
        var list = WebUtility.HtmlDecode((await officer.GetAsync(sent.Headers.Location!.ToString())).Body);
        Assert.That(list, Does.Contain("4 FoI requests queued to send (batch 1). Not sent to Camden (E09000007): no FoI contact."));
        var requests = await server.Services.GetRequiredService<FoiRequestStore>().ListAsync();
        Assert.That(requests.Select(r => r.CouncilCode), Is.EquivalentTo(NorthCentralLondon.Where(c => c != Camden)));
    }

    [Test]
    public async Task A_viewer_is_not_offered_the_form_and_is_refused_it()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        using var viewer = await server.SignInAsync("viewer@lga.test");
        Assert.That((await viewer.GetAsync("/foi")).Body, Does.Not.Contain("/foi/new"));
        var (unknownStatus, unknown) = await viewer.GetAsync("/foi?batch=7");
        Assert.That(unknownStatus, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(unknown, Does.Contain("There is no FoI batch 7"));
        Assert.That((await viewer.GetAsync("/foi?batch=abc")).Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await viewer.GetAsync("/foi/new")).Status, Is.EqualTo(HttpStatusCode.Forbidden));
        using var post = await viewer.PostFormAsync("/foi/new?handler=send", Answers("Council involvement"), formPage: "/foi");
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await server.Services.GetRequiredService<FoiRequestStore>().ListAsync(), Is.Empty);
    }

    /// <summary>The form's answers for requests to North Central London, with the questionnaire.</summary>
    internal static Dictionary<string, string> Answers(string title) => new()
    {
        ["Title"] = title, ["Body"] = "Please provide the information below.", ["AudienceKind"] = "footprint",
        ["FootprintId"] = "north-central-london", ["Questionnaire"] = Questionnaire,
    };

    internal static async Task AddFoiContactsAsync(ConsoleServer server, IEnumerable<string> councils)
    {
        var csv = Path.Combine(Path.GetTempPath(), $"foi-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(csv, "council_code,name,email,role\n" + string.Join("\n", councils.Select(c => $"{c},FoI Officer {c},{FoiAddress(c)},foi")));
        await server.Services.GetRequiredService<ContactImporter>().ImportAsync(csv, false);
        File.Delete(csv);
    }

    private static string FoiAddress(string council) => $"foi-{council.ToLowerInvariant()}@ncl.gov.test";
}
