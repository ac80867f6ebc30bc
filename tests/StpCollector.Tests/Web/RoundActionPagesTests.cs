using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Accounts;
using StpCollector.Audit;
using StpCollector.Calendar;
using StpCollector.Outbox;
using StpCollector.Rounds;
using StpCollector.Tests.Rounds;
using StpCollector.Tests.Support;
using StpCollector.Tests.Web.Actions;
using static StpCollector.Tests.Web.Actions.RoundConsoleData;

namespace StpCollector.Tests.Web;

/// <summary>Officers run a round from the console: create it (form, check page, preview), extend, cancel and remind.</summary>
public sealed partial class RoundActionPagesTests
{
    [Test]
    public async Task An_officer_checks_a_new_round_reads_an_invitation_and_creates_it_with_the_times_typed_in_London()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        await AddLeadsAsync(server.Services);
        await RoundTestData.AddLeadAsync(server.Services, Islington, "second-lead@islington.gov.test");
        using var officer = await server.SignInAsync("officer@lga.test", StaffRole.Officer);
        Assert.That((await officer.GetAsync("/rounds")).Body, Does.Contain("href=\"/rounds/new\""));

        var (opensDate, opensTime) = London(3, "09:30");
        var form = NewRoundForm(Hackney, Islington, Camden);
        form["OpensWhen"] = "at";
        form["OpensDate"] = opensDate;
        form["OpensTime"] = opensTime;
        form["Reminders"] = "2";
        form["Title"] = "Winter <script>alert(1)</script>";
        using var checking = await officer.PostFormAsync("/rounds/new", form);
        var check = await checking.Content.ReadAsStringAsync();
        Assert.That(checking.StatusCode, Is.EqualTo(HttpStatusCode.OK), check);
        var page = PageAssertions.Parse(check);
        Assert.That(page.QuerySelector("h1")!.TextContent, Does.Contain("Check the round"));
        Assert.That(page.QuerySelector("main")!.TextContent, Does.Contain("3 councils").And.Contain("2 with a lead to invite"));
        Assert.That(page.QuerySelector("#without-lead")!.TextContent, Does.Contain("Camden (E09000007)"));
        Assert.That(page.QuerySelector("#several-leads")!.TextContent, Does.Contain("Islington (E09000019)").And.Contain("second-lead@islington.gov.test"));
        Assert.That(page.QuerySelector("#AllowMissingLeads"), Is.Not.Null, "the verb's --allow-missing-leads, as a box to tick");
        Assert.That(page.QuerySelector("main")!.TextContent, Does.Contain("(2 working days before the close)"));
        PageAssertions.ShowsAsText(check, "Winter &lt;script&gt;alert(1)&lt;/script&gt;");
        Assert.That(page.QuerySelector("#invitation")!.TextContent, Does.Contain("Hackney (E09000012)"), "the first council with a lead is shown first");
        Assert.That(page.QuerySelector("#invitation-text")!.TextContent, Does.Contain("We are asking Hackney"));

        var frame = page.QuerySelector("iframe")!;
        Assert.That(frame.HasAttribute("sandbox") && frame.GetAttribute("sandbox") == "", Is.True, "the frame is sandboxed with every restriction");
        using (var html = await officer.GetResponseAsync(frame.GetAttribute("src")!))
        {
            Assert.That(html.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(html.Headers.GetValues("Content-Security-Policy").Single(), Does.StartWith("sandbox; default-src 'none'; img-src data:"));
            Assert.That(await html.Content.ReadAsStringAsync(), Does.Contain("Hackney").And.Not.Contain("<script>alert"));
        }

        var attachment = page.QuerySelectorAll("#invitation a[download]").Select(a => a.GetAttribute("href")!).First(h => h.Contains(".csv"));
        using (var download = await officer.GetResponseAsync(attachment))
        {
            Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(download.Content.Headers.ContentDisposition!.DispositionType, Is.EqualTo("attachment"));
        }

        form["PreviewCouncil"] = Islington;
        using var islington = await officer.PostFormAsync("/rounds/new", form);
        Assert.That(PageAssertions.Parse(await islington.Content.ReadAsStringAsync()).QuerySelector("#invitation-text")!.TextContent,
            Does.Contain("We are asking Islington"));
        Assert.That(await server.Services.GetRequiredService<RoundQueries>().ListAsync(null, CancellationToken.None), Is.Empty, "checking stores nothing");

        using var refused = await officer.PostFormAsync("/rounds/new?handler=create", form, formPage: "/rounds/new");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), Does.Contain("Camden (E09000007)").And.Contain("tick \"Create the round without them\""));

        form["AllowMissingLeads"] = "true";
        using var created = await officer.PostFormAsync("/rounds/new?handler=create", form, formPage: "/rounds/new");
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await created.Content.ReadAsStringAsync());
        Assert.That(created.Headers.Location!.ToString(), Is.EqualTo("/rounds/STP-R1?done=created"));
        Assert.That((await officer.GetAsync("/rounds/STP-R1?done=created")).Body, Does.Contain("The round is created"));

        var round = (await server.Services.GetRequiredService<RoundQueries>().FindAsync("STP-R1", CancellationToken.None))!;
        var closes = form["ClosesDate"];
        Assert.That((round.OpensAt, round.ClosesAt, round.Audience, round.ReminderDays, round.Status), Is.EqualTo((
            LondonTime.FromLondon(DateTime.Parse($"{opensDate}T09:30:00", System.Globalization.CultureInfo.InvariantCulture)).ToUniversalTime(),
            LondonTime.FromLondon(DateTime.Parse($"{closes}T17:00:00", System.Globalization.CultureInfo.InvariantCulture)).ToUniversalTime(),
            "councils:E09000012,E09000019,E09000007", "2", RoundStatus.Scheduled)));
        var audit = (await server.Services.GetRequiredService<AuditLog>().ListAsync(null, 20)).Single(a => a.Action == "round create");
        Assert.That((audit.Actor, audit.RecordId, audit.After), Is.EqualTo(("officer@lga.test", "STP-R1", "scheduled")));
    }

    [TestCase("opens in the past", "at", -2, 21, "", "OpensDate", "in the past")]
    [TestCase("closes before it opens", "at", 5, 4, "", "ClosesDate", "must be after the opening time")]
    [TestCase("an unknown council", "now", 0, 21, "E09999999", "Councils", "Unknown council code(s): E09999999")]
    [TestCase("no council ticked", "now", 0, 21, "-", "Councils", "Choose at least one council")]
    [TestCase("reminders that are not days", "now", 0, 21, "", "Reminders", "is not a number of working days")]
    public async Task A_new_round_with_a_mistake_is_shown_again_with_the_problem_beside_its_field(
        string what, string opensWhen, int opensIn, int closesIn, string councils, string field, string message)
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        using var officer = await server.SignInAsync("officer@lga.test", StaffRole.Officer);
        var form = NewRoundForm(councils switch { "" => Hackney, "-" => "", _ => councils });
        if (councils == "-")
            form.Remove("Councils[0]");
        form["OpensWhen"] = opensWhen;
        (form["OpensDate"], form["OpensTime"]) = London(opensIn, "09:00");
        (form["ClosesDate"], form["ClosesTime"]) = London(closesIn, "17:00");
        if (field == "Reminders")
            form["Reminders"] = "five";

        using var response = await officer.PostFormAsync("/rounds/new", form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), what);
        var error = PageAssertions.Parse(body).QuerySelector($"#{field}-error");
        Assert.That(error?.TextContent, Does.Contain(message), $"{what}: {body}");
        Assert.That(PageAssertions.Parse(body).QuerySelector(".govuk-error-summary")!.TextContent, Does.Contain(message));
        Assert.That(PageAssertions.Parse(body).QuerySelector("#Title")!.GetAttribute("value"), Is.EqualTo("Winter check"), "what was typed is kept");
    }

    [Test]
    public async Task A_viewer_reads_the_opening_progress_but_is_offered_no_action_and_refused_every_one()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        await AddLeadsAsync(server.Services);
        var created = await server.Services.GetRequiredService<RoundCreator>().CreateAsync(new RoundRequest(
            RoundTestData.Questionnaire, "Winter check", "now", $"{London(21, "17:00").Date} 17:00", $"councils:{Hackney},{Islington}", "none"));
        await server.Services.GetRequiredService<RoundLifecycleSweep>().RunAsync(CancellationToken.None);

        using var viewer = await server.SignInAsync("viewer@lga.test");
        var (_, opening) = await viewer.GetAsync("/rounds/STP-R1");
        Assert.That(PageAssertions.Parse(opening).QuerySelector("#opening")!.TextContent, Does.Contain("2 invited: 2 queued, 0 sent, 0 failed"));
        Assert.That(opening, Does.Contain("<meta http-equiv=\"refresh\" content=\"10\">"), "the page follows the opening while invitations wait");
        Assert.That((await viewer.GetAsync("/rounds/STP-R1?refresh=off")).Body, Does.Not.Contain("http-equiv"), "and stops when asked");
        Assert.That(opening, Does.Not.Contain("/rounds/STP-R1/extend").And.Not.Contain("/rounds/STP-R1/cancel").And.Not.Contain("/rounds/STP-R1/remind"));
        Assert.That((await viewer.GetAsync("/rounds")).Body, Does.Not.Contain("href=\"/rounds/new\""));

        await server.Services.GetRequiredService<OutboxDispatchSweep>().RunAsync(CancellationToken.None);
        var (_, opened) = await viewer.GetAsync("/rounds/STP-R1");
        Assert.That(PageAssertions.Parse(opened).QuerySelector("#opening")!.TextContent, Does.Contain("2 invited: 0 queued, 2 sent, 0 failed"));
        Assert.That(opened, Does.Not.Contain("http-equiv"));

        Assert.That((await viewer.GetAsync("/rounds/new")).Status, Is.EqualTo(HttpStatusCode.Forbidden));
        foreach (var action in new[] { "extend", "cancel", "remind" })
        {
            using var post = await viewer.PostFormAsync($"/rounds/STP-R1/{action}", new() { ["Councils"] = Hackney }, formPage: "/rounds");
            Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), action);
        }

        using var create = await viewer.PostFormAsync("/rounds/new?handler=create", NewRoundForm(Hackney), formPage: "/rounds");
        Assert.That(create.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(created.Round.Status, Is.EqualTo(RoundStatus.Scheduled));
    }

    [Test]
    public async Task Two_officers_extend_at_once_the_second_is_told_and_keeps_what_they_typed_then_a_reminder_goes_and_the_round_is_cancelled()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        var round = await RoundAsync(server.Services);
        using var first = await server.SignInAsync("first@lga.test", StaffRole.Officer);
        using var second = await server.SignInAsync("second@lga.test", StaffRole.Officer);
        var (_, roundPage) = await first.GetAsync("/rounds/STP-R1");
        Assert.That(roundPage, Does.Contain("href=\"/rounds/STP-R1/extend\"").And.Contain("href=\"/rounds/STP-R1/remind\"").And.Contain("href=\"/rounds/STP-R1/cancel\""));

        var (firstForm, secondForm) = ((await first.GetAsync("/rounds/STP-R1/extend")).Body, (await second.GetAsync("/rounds/STP-R1/extend")).Body);
        Assert.That(Version().Match(firstForm).Groups[1].Value, Is.EqualTo("1"));
        Assert.That(Version().Match(secondForm).Groups[1].Value, Is.EqualTo("1"));
        var (firstDate, _) = London(25, "17:00");
        var (secondDate, _) = London(30, "12:00");
        using var earlier = await first.PostFormAsync("/rounds/STP-R1/extend", new() { ["ClosesDate"] = London(10, "").Date, ["ClosesTime"] = "17:00", ["Version"] = "1" });
        Assert.That(earlier.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a deadline must move later");
        Assert.That(WebUtility.HtmlDecode(await earlier.Content.ReadAsStringAsync()), Does.Contain("must be later than the round's current close"));

        using var extended = await first.PostFormAsync("/rounds/STP-R1/extend", new() { ["ClosesDate"] = firstDate, ["ClosesTime"] = "17:00", ["Version"] = "1" });
        Assert.That(extended.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(extended.Headers.Location!.ToString(), Is.EqualTo("/rounds/STP-R1?done=extended"));
        using var late = await second.PostFormAsync("/rounds/STP-R1/extend", new() { ["ClosesDate"] = secondDate, ["ClosesTime"] = "12:00", ["Version"] = "1" });
        var conflict = await late.Content.ReadAsStringAsync();
        Assert.That(late.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), conflict);
        var conflictPage = PageAssertions.Parse(conflict);
        Assert.That(conflictPage.QuerySelector("#ClosesDate-error")!.TextContent, Does.Contain("Someone changed round STP-R1 since you opened it"));
        Assert.That(conflictPage.QuerySelector("#current-close")!.TextContent, Does.Contain(LondonTime.Describe(
            LondonTime.FromLondon(DateTime.Parse($"{firstDate}T17:00:00", System.Globalization.CultureInfo.InvariantCulture)))), "the deadline as it is now");
        Assert.That((conflictPage.QuerySelector("#ClosesDate")!.GetAttribute("value"), conflictPage.QuerySelector("#ClosesTime")!.GetAttribute("value")),
            Is.EqualTo((secondDate, "12:00")), "nothing typed is lost");
        Assert.That(Version().Match(conflict).Groups[1].Value, Is.EqualTo("2"), "saving again is now possible");
        var stored = (await server.Services.GetRequiredService<RoundQueries>().FindAsync("STP-R1", CancellationToken.None))!;
        Assert.That(RoundTimes.Show(stored.ClosesAt), Is.EqualTo($"{firstDate} 17:00"), "the first change stands");

        var (_, remindForm) = await first.GetAsync("/rounds/STP-R1/remind");
        var offered = PageAssertions.Parse(remindForm).QuerySelectorAll("input[name=Councils]");
        Assert.That(offered.Select(c => c.GetAttribute("value")), Is.EquivalentTo(new[] { Hackney, Islington }));
        Assert.That(offered.Any(c => c.HasAttribute("checked")), Is.False, "none is ticked for the officer");
        using var none = await first.PostFormAsync("/rounds/STP-R1/remind", []);
        Assert.That(none.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await none.Content.ReadAsStringAsync(), Does.Contain("Choose at least one council to remind"));
        using var reminded = await first.PostFormAsync("/rounds/STP-R1/remind", new() { ["Councils"] = Hackney });
        Assert.That(reminded.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var queued = await server.Services.GetRequiredService<OutboxBrowser>().ListAsync("pending", RoundMailBuilder.Reminder, round.Topic, 10, CancellationToken.None);
        Assert.That(queued.Select(q => q.CouncilCode), Is.EqualTo(new[] { Hackney }));

        using var cancelled = await second.PostFormAsync("/rounds/STP-R1/cancel", []);
        Assert.That(cancelled.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await second.GetAsync(cancelled.Headers.Location!.ToString())).Body, Does.Contain("The round is cancelled"));
        using var twice = await first.PostFormAsync("/rounds/STP-R1/cancel", [], formPage: "/rounds/STP-R1");
        Assert.That(twice.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        using var extendCancelled = await first.PostFormAsync("/rounds/STP-R1/extend", new() { ["ClosesDate"] = secondDate, ["ClosesTime"] = "12:00", ["Version"] = "3" }, formPage: "/rounds/STP-R1");
        Assert.That(extendCancelled.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(WebUtility.HtmlDecode(await extendCancelled.Content.ReadAsStringAsync()), Does.Contain("was cancelled; it cannot be extended"));
        using var remindCancelled = await first.PostFormAsync("/rounds/STP-R1/remind", new() { ["Councils"] = Hackney }, formPage: "/rounds/STP-R1");
        Assert.That(remindCancelled.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await first.GetAsync("/rounds/STP-R9/extend")).Status, Is.EqualTo(HttpStatusCode.NotFound));

        var audit = (await server.Services.GetRequiredService<AuditLog>().ListAsync(null, 50)).Where(a => a.RecordId == "STP-R1").ToList();
        Assert.That(audit.Select(a => (a.Action, a.Actor)), Is.EquivalentTo(new[]
        {
            ("round extend", "first@lga.test"), ("round remind", "first@lga.test"), ("round cancel", "second@lga.test"),
        }));
        var extend = audit.Single(a => a.Action == "round extend");
        Assert.That((extend.Before, extend.After), Is.EqualTo((RoundTimes.Show(round.ClosesAt), $"{firstDate} 17:00")));
        var cancel = audit.Single(a => a.Action == "round cancel");
        Assert.That((cancel.Before, cancel.After), Is.EqualTo(("open", "cancelled")));
        Assert.That(audit.Single(a => a.Action == "round remind").Detail, Does.Contain("1 reminder(s) queued: E09000012"));
    }

    [GeneratedRegex("name=\"Version\" value=\"(\\d+)\"")]
    private static partial Regex Version();
}
