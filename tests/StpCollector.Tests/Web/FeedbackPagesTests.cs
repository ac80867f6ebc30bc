using System.Data.Common;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Accounts;
using StpCollector.Audit;
using StpCollector.Contacts;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Web;

/// <summary>
/// The members' feedback inbox and the FAQ in the console: read by every signed-in person, words shown as text; tagged,
/// drafted from, published and retired by officers through the same services as the verbs, each change audited.
/// </summary>
public sealed class FeedbackPagesTests
{
    private const string Hartlepool = "stp.lead@hartlepool.gov.test";
    private const string Barnet = "stp.lead@barnet.gov.test";
    private const string Hostile = "<script>alert(1)</script> =HYPERLINK(\"http://x\") our social care budget in Hartlepool";

    [Test]
    public async Task With_no_feedback_the_inbox_says_so_and_unknown_records_are_not_found()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        using var viewer = await server.SignInAsync("viewer@lga.test");

        var (status, body) = await viewer.GetAsync("/feedback");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body, Does.Contain("No feedback yet").And.Not.Contain("<table"));
        var filtered = await viewer.GetAsync("/feedback?theme=weather&since=yesterday");
        Assert.That(filtered.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(filtered.Body, Does.Contain("govuk-error-summary").And.Contain("There is no theme &#x27;weather&#x27;").And.Contain("year-month-day"));
        Assert.That((await viewer.GetAsync("/feedback/5")).Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await viewer.GetAsync("/faq/99")).Status, Is.EqualTo(HttpStatusCode.NotFound));
        var faq = await viewer.GetAsync("/faq");
        Assert.That(faq.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(faq.Body, Does.Contain("No drafts"), "the imported config/bulletins/faq entries are published; there is no draft yet");
    }

    [Test]
    public async Task An_officer_tags_feedback_drafts_an_anonymised_entry_from_two_items_and_publishes_it_while_a_viewer_only_reads()
    {
        using var data = new TempDataDir();
        using (var host = await data.StartHostAsync())
        {
            await host.Services.GetRequiredService<ContactImporter>().ImportAsync(RepoPaths.Seeds("contacts-sample.csv"), skipInvalid: false);
            KnownRounds.Create(ReturnsBuilder.For(host));
            await BulletinFixture.AddSubscribersAsync(host, [Hartlepool, Barnet]);
            await BulletinFixture.SendNowAsync(host);
            await BulletinFixture.ReplyAsync(host, data.Path, Hartlepool, "Re: bulletin", Hostile);
            await BulletinFixture.ReplyAsync(host, data.Path, Barnet, "Re: bulletin", "Barnet would like to know whether STPs cover county councils.");
        }

        SqliteConnection.ClearAllPools();
        await using var server = await ConsoleServer.StartAsync(data);
        using var viewer = await server.SignInAsync("viewer@lga.test");
        using var officer = await server.SignInAsync("officer@lga.test", StaffRole.Officer);

        var list = await viewer.GetAsync("/feedback");
        Assert.That(list.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(list.Body, Does.Contain("href=\"/feedback/1\"").And.Contain("href=\"/feedback/2\"").And.Contain(Hartlepool).And.Contain("social_care"));
        Assert.That(list.Body.IndexOf("href=\"/feedback/2\"", StringComparison.Ordinal), Is.LessThan(list.Body.IndexOf("href=\"/feedback/1\"", StringComparison.Ordinal)),
            "newest first");
        Assert.That((await viewer.GetAsync("/feedback?theme=social_care")).Body, Does.Contain("href=\"/feedback/1\"").And.Not.Contain("href=\"/feedback/2\""));
        var one = await viewer.GetAsync("/feedback/1");
        Assert.That(one.Status, Is.EqualTo(HttpStatusCode.OK));
        PageAssertions.ShowsAsText(one.Body, "&lt;script&gt;alert(1)&lt;/script&gt; =HYPERLINK(&quot;http://x&quot;)");
        PageAssertions.ShowsAsText(list.Body, "&lt;script&gt;alert(1)&lt;/script&gt;");
        Assert.That(one.Body, Does.Contain("<pre class=\"console-message-text\">").And.Contain("href=\"/holding-pen/"));
        Assert.That(one.Body, Does.Not.Contain("href=\"/feedback/1/tag\""), "a viewer is not offered the change");

        using (var refused = await viewer.PostFormAsync("/feedback/1/tag", new() { ["Theme"] = "workforce", ["Change"] = "add" }, formPage: "/feedback/1"))
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await viewer.GetAsync("/faq/draft")).Status, Is.EqualTo(HttpStatusCode.Forbidden));

        using (var unknown = await officer.PostFormAsync("/feedback/2/tag", new() { ["Theme"] = "weather", ["Change"] = "add" }))
        {
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await unknown.Content.ReadAsStringAsync(), Does.Contain("govuk-error-summary").And.Contain("There is no theme &#x27;weather&#x27;. The themes"));
        }

        using (var tagged = await officer.PostFormAsync("/feedback/2/tag", new() { ["Theme"] = "Workforce", ["Change"] = "add" }))
        {
            Assert.That(tagged.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(tagged.Headers.Location!.ToString(), Is.EqualTo("/feedback/2?done=tagged"));
        }

        var afterTag = (await officer.GetAsync("/feedback/2?done=tagged")).Body;
        Assert.That(afterTag, Does.Contain("govuk-notification-banner--success").And.Contain(">workforce<"));

        using var drafted = await officer.PostFormAsync("/faq/draft",
            new() { ["FromFeedback"] = "1", ["FeedbackNumbers"] = "2", ["Question"] = "Do STPs cover county councils?" });
        Assert.That(drafted.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await drafted.Content.ReadAsStringAsync());
        var draftPath = drafted.Headers.Location!.ToString().Split('?')[0];
        var draft = (await viewer.GetAsync(draftPath)).Body;
        Assert.That(draft, Does.Contain("Do STPs cover county councils?").And.Contain("draft").And.Contain("raised by 2 councils")
            .And.Contain("href=\"/feedback/1\"").And.Contain("href=\"/feedback/2\""));
        var markdown = PageAssertions.Parse(draft).QuerySelector("pre.console-message-text")!.TextContent;
        Assert.That(markdown, Does.Contain("A unitary council in the North East: \u201c").And.Contain("A London borough: \u201c(council) would like to know"));
        Assert.That(draft, Does.Not.Contain("Hartlepool").And.Not.Contain("Barnet").And.Not.Contain("<script>alert"));

        using (var missing = await officer.PostFormAsync("/faq/draft", new() { ["FeedbackNumbers"] = "1, 77", ["Question"] = "Q?" }))
        {
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await missing.Content.ReadAsStringAsync(), Does.Contain("govuk-error-summary").And.Contain("There is no feedback #77"));
        }

        using (var refused = await viewer.PostFormAsync(draftPath + "/publish", new() { ["Notify"] = "true" }, formPage: draftPath))
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        using (var published = await officer.PostFormAsync(draftPath + "/publish", new() { ["Notify"] = "true" }))
        {
            Assert.That(published.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(published.Headers.Location!.ToString(), Is.EqualTo(draftPath + "?done=published-notified"));
        }

        using (var again = await officer.PostFormAsync(draftPath + "/publish", []))
        {
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(await again.Content.ReadAsStringAsync(), Does.Contain("govuk-error-summary").And.Contain("is already published"));
        }

        var faq = (await viewer.GetAsync("/faq")).Body;
        Assert.That(faq, Does.Contain("No drafts").And.Contain($"href=\"{draftPath}\""));
        using (var retired = await officer.PostFormAsync(draftPath + "/retire", []))
            Assert.That(retired.Headers.Location!.ToString(), Is.EqualTo(draftPath + "?done=retired"));

        var audit = await server.Services.GetRequiredService<AuditLog>().ListAsync(null, 50);
        var id = draftPath.Split('/')[^1];
        Assert.That(audit.Where(a => a.Actor == "officer@lga.test").Select(a => (a.Action, a.RecordType, a.RecordId)), Is.SupersetOf(new[]
        {
            ("feedback tag", "feedback", "2"), ("faq draft", "faq", id), ("faq publish", "faq", id), ("faq retire", "faq", id),
        }));
        var publish = audit.Single(a => a.Action == "faq publish");
        Assert.That((publish.Before, publish.After, publish.Detail), Is.EqualTo(("draft", "published", publish.Detail)));
        Assert.That(publish.Detail, Does.Contain("2 note(s) queued"));
        Assert.That(audit.Any(a => a.Actor == "viewer@lga.test" && a.Action.StartsWith("faq", StringComparison.Ordinal)), Is.False);
    }
}
