using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Accounts;
using StpCollector.Audit;
using StpCollector.Bulletins;
using StpCollector.Storage;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Web;

/// <summary>The next bulletin in the console: its editorial written and previewed as sent, approved by four eyes, then sent or scheduled.</summary>
public sealed class BulletinActionPagesTests
{
    internal static readonly Dictionary<string, string?> December = new() { ["Clock:Now"] = "2026-12-01T10:00:00Z" };

    internal const string Hostile = "Hello <script>alert(1)</script> and [click me](javascript:alert(2)) and <img src=x onerror=alert(3)>.";

    internal static async Task<ConsoleServer> StartWithFiguresAsync(TempDataDir data)
    {
        var server = await ConsoleServer.StartAsync(data, December);
        KnownRounds.Create(new ReturnsBuilder(server.Services.GetRequiredService<Database>()));
        return server;
    }

    internal static Dictionary<string, string> Editorial(string intro, string version = "0", string links = "") =>
        new() { ["Intro"] = intro, ["QuickLinks"] = links, ["Version"] = version };

    internal static async Task SubscribeAsync(ConsoleServer server, params string[] emails)
    {
        foreach (var email in emails)
            await server.Services.GetRequiredService<SubscriberStore>().AddAsync(email, "Reader " + email.Split('@')[0]);
    }

    internal static async Task<BulletinRecord> DraftAsync(ConsoleServer server) =>
        (await server.Services.GetRequiredService<BulletinDrafts>().EditorialAsync(CancellationToken.None)).Draft
        ?? throw new AssertionException("no draft");

    [Test]
    public async Task The_preview_is_the_bulletin_as_it_is_sent_and_hostile_markdown_is_neutralised_in_both()
    {
        using var data = new TempDataDir();
        await using var server = await StartWithFiguresAsync(data);
        using var officer = await server.SignInAsync("officer@lga.test", StaffRole.Officer);

        using var page = await officer.GetResponseAsync("/bulletins/draft");
        var form = await page.Content.ReadAsStringAsync();
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(form, Does.Contain("Thank you to colleagues for your continued support"), "the files' editorial until one is saved");
        Assert.That(form, Does.Contain("<iframe class=\"console-bulletin-frame\" sandbox name=\"bulletin-preview\" src=\"/bulletins/draft?handler=Frame\""));
        Assert.That(form, Does.Contain("<script src=\"/js/bulletin-preview.js\"></script>").And.Not.Contain("allow-scripts"));
        Assert.That(form, Does.Contain("STP NETWORK BULLETIN").And.Contain("KEY FIGURES"), "the text part of the preview");

        using var frame = await officer.PostFormAsync("/bulletins/draft?handler=Frame", Editorial(Hostile), formPage: "/bulletins/draft");
        var html = await frame.Content.ReadAsStringAsync();
        Assert.That(frame.Headers.GetValues("Content-Security-Policy").Single(), Is.EqualTo("sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'"));
        Assert.That(frame.Headers.GetValues("X-Frame-Options").Single(), Is.EqualTo("SAMEORIGIN"));
        Assert.That(html, Does.Contain("&lt;script&gt;alert(1)&lt;/script&gt;").And.Not.Contain("<script").And.Not.Contain("javascript:").And.Not.Contain("<img src=\"x\""));

        var drafts = server.Services.GetRequiredService<BulletinDrafts>();
        var (expected, expectedText) = await drafts.PreviewAsync(new EditorialMarkdown(Hostile, ""), CancellationToken.None);
        Assert.That(html, Is.EqualTo(expected), "the frame shows the renderer's output");
        using var text = await officer.PostFormAsync("/bulletins/draft?handler=Text", Editorial(Hostile), formPage: "/bulletins/draft");
        Assert.That(await text.Content.ReadAsStringAsync(), Is.EqualTo(expectedText));

        // The no-script Preview button: the page again, the text kept, the text part shown and the frame loading the typed text.
        using var preview = await officer.PostFormAsync("/bulletins/draft?handler=Preview", Editorial(Hostile), formPage: "/bulletins/draft");
        var previewed = await preview.Content.ReadAsStringAsync();
        Assert.That(preview.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(previewed, Does.Contain("Hello &lt;script&gt;alert(1)&lt;/script&gt;").And.Not.Contain("<script>alert"));
        var frameSource = PageAssertions.Parse(previewed).QuerySelector("iframe")!.GetAttribute("src")!;
        Assert.That((await officer.GetAsync(frameSource)).Body, Is.EqualTo(expected), "the no-script frame shows the same");

        using var saved = await officer.PostFormAsync("/bulletins/draft", Editorial(Hostile));
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await saved.Content.ReadAsStringAsync());
        var draft = await DraftAsync(server);
        Assert.That(draft.Status, Is.EqualTo(BulletinStore.Draft));
        Assert.That((await officer.GetAsync($"/bulletins/{draft.Id}/html")).Body, Is.EqualTo(expected), "what is stored to be sent is what was previewed");
        Assert.That((await officer.GetAsync("/bulletins/draft?handler=Frame")).Body, Is.EqualTo(expected), "the saved editorial is previewed by default");

        // The copy that goes by mail carries the same neutralised content.
        using var test = await officer.PostFormAsync($"/bulletins/{draft.Id}/test-send", []);
        Assert.That(test.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var mail = BulletinFixture.Outbox(data.Path, BulletinDrafts.TestOutboxKind).Single();
        Assert.That(mail.Message.HtmlBody, Does.Contain("&lt;script&gt;alert(1)&lt;/script&gt;").And.Not.Contain("<script").And.Not.Contain("javascript:"));
        Assert.That(mail.Message.TextBody, Is.EqualTo(expectedText));
    }

    [Test]
    public async Task Two_officers_saving_the_same_editorial_the_second_gets_409_with_their_text_kept()
    {
        using var data = new TempDataDir();
        await using var server = await StartWithFiguresAsync(data);
        using var first = await server.SignInAsync("first@lga.test", StaffRole.Officer);
        using var second = await server.SignInAsync("second@lga.test", StaffRole.Officer);
        await first.GetAsync("/bulletins/draft");
        await second.GetAsync("/bulletins/draft");

        using var saved = await first.PostFormAsync("/bulletins/draft", Editorial("First officer's words."));
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        using var conflict = await second.PostFormAsync("/bulletins/draft", Editorial("Second officer's words."));
        var body = await conflict.Content.ReadAsStringAsync();
        Assert.That(conflict.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(body, Does.Contain("first@lga.test changed the editorial since you opened it").And.Contain("Your change was not saved"));
        var document = PageAssertions.Parse(body);
        Assert.That(document.QuerySelector("textarea#Intro")!.TextContent, Is.EqualTo("Second officer's words."), "their own text is kept");
        Assert.That(body, Does.Contain("First officer&#x27;s words."), "the saved text is shown beside it");
        Assert.That(document.QuerySelector("input[name=Version]")!.GetAttribute("value"), Is.EqualTo("1"), "the form now saves over the current version");

        using var again = await second.PostFormAsync("/bulletins/draft", Editorial("Second officer's words.", version: "1"));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await DraftAsync(server)).ChangedBy, Is.EqualTo("second@lga.test"));
        using var empty = await second.PostFormAsync("/bulletins/draft", Editorial("  ", version: "2"));
        Assert.That(empty.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await empty.Content.ReadAsStringAsync(), Does.Contain("Enter the introduction"));
        using var badPlaceholder = await second.PostFormAsync("/bulletins/draft", Editorial("{{ round.nonsense }} answered", version: "2"));
        Assert.That(badPlaceholder.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await badPlaceholder.Content.ReadAsStringAsync(), Does.Contain("The introduction").And.Contain("line 1"));
    }

    [Test]
    public async Task Whoever_changed_the_bulletin_last_cannot_approve_it_another_approver_can_and_a_later_edit_takes_the_approval_back()
    {
        using var data = new TempDataDir();
        await using var server = await StartWithFiguresAsync(data);
        using var editor = await server.SignInAsync("editor@lga.test", StaffRole.Approver);
        using var approver = await server.SignInAsync("approver@lga.test", StaffRole.Approver);
        using var officer = await server.SignInAsync("officer@lga.test", StaffRole.Officer);
        using var saved = await editor.PostFormAsync("/bulletins/draft", Editorial("Words by the editor."));
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var draft = await DraftAsync(server);

        Assert.That((await officer.GetAsync($"/bulletins/{draft.Id}")).Body, Does.Not.Contain($"/bulletins/{draft.Id}/approve"), "officers are not offered approval");
        using var byOfficer = await officer.PostFormAsync($"/bulletins/{draft.Id}/approve", [], formPage: "/");
        Assert.That(byOfficer.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await editor.GetAsync($"/bulletins/{draft.Id}/approve")).Body, Does.Contain(BulletinDrafts.FourEyesRefusal.Replace("'", "&#x27;")));
        using var own = await editor.PostFormAsync($"/bulletins/{draft.Id}/approve", [], formPage: $"/bulletins/{draft.Id}");
        Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await own.Content.ReadAsStringAsync(), Does.Contain("You made the last change to this bulletin, so another approver must approve it"));
        Assert.That((await DraftAsync(server)).Status, Is.EqualTo(BulletinStore.Draft));

        using var approved = await approver.PostFormAsync($"/bulletins/{draft.Id}/approve", []);
        Assert.That(approved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var show = (await officer.GetAsync($"/bulletins/{draft.Id}")).Body;
        Assert.That(show, Does.Contain("by approver@lga.test").And.Contain($"/bulletins/{draft.Id}/send"));
        var entry = (await server.Services.GetRequiredService<AuditLog>().ListAsync(null, 20)).First(e => e.Action == BulletinBrowser.ApproveAction);
        Assert.That((entry.Actor, entry.RecordType, entry.RecordId), Is.EqualTo(("approver@lga.test", "bulletin", draft.Id.ToString())));

        Assert.That((await editor.GetAsync($"/bulletins/{draft.Id}")).Body, Does.Not.Contain($"/bulletins/{draft.Id}/approve"));
        using var moved = await officer.PostFormAsync($"/bulletins/{draft.Id}/schedule", new() { ["At"] = "2026-12-20T09:30" });
        Assert.That(moved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        using var edit = await officer.PostFormAsync("/bulletins/draft", Editorial("A late change.", version: "1"));
        Assert.That(edit.Headers.Location!.ToString(), Does.Contain("done=withdrawn"));
        var withdrawn = await DraftAsync(server);
        Assert.That((withdrawn.Status, withdrawn.ApprovedAt, withdrawn.ChangedBy), Is.EqualTo((BulletinStore.Draft, (DateTimeOffset?)null, "officer@lga.test")));
        Assert.That(withdrawn.ScheduledFor, Is.EqualTo(DateTimeOffset.Parse("2026-12-07T09:00:00Z")), "the chosen time went with the approval");
        using var send = await officer.PostFormAsync($"/bulletins/{draft.Id}/send", [], formPage: $"/bulletins/{draft.Id}");
        Assert.That(send.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "the change took the approval back");
        Assert.That(await send.Content.ReadAsStringAsync(), Does.Contain($"Bulletin {draft.Id} is not approved, so it cannot be sent: an approver must approve it first."));
        using var again = await editor.PostFormAsync($"/bulletins/{draft.Id}/approve", []);
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "now someone else made the last change, the first editor may approve");
    }

    [Test]
    public async Task An_unapproved_bulletin_is_neither_sent_nor_scheduled_an_approved_one_is_moved_then_sent_through_the_outbox()
    {
        using var data = new TempDataDir();
        await using var server = await StartWithFiguresAsync(data);
        await SubscribeAsync(server, "ada@network.test", "ben@network.test");
        using var officer = await server.SignInAsync("officer@lga.test", StaffRole.Officer);
        using var approver = await server.SignInAsync("approver@lga.test", StaffRole.Approver);
        await officer.PostFormAsync("/bulletins/draft", Editorial("Officer's editorial for December."));
        var draft = await DraftAsync(server);

        using var unapprovedSend = await officer.PostFormAsync($"/bulletins/{draft.Id}/send", [], formPage: $"/bulletins/{draft.Id}");
        Assert.That(unapprovedSend.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        using var unapprovedSchedule = await officer.PostFormAsync($"/bulletins/{draft.Id}/schedule", new() { ["At"] = "2026-12-20T09:00" });
        Assert.That(unapprovedSchedule.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await unapprovedSchedule.Content.ReadAsStringAsync(), Does.Contain("is not approved, so it cannot be scheduled"));
        using var viewer = await server.SignInAsync("viewer@lga.test");
        using var byViewer = await viewer.PostFormAsync($"/bulletins/{draft.Id}/send", [], formPage: "/");
        Assert.That(byViewer.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        await approver.PostFormAsync($"/bulletins/{draft.Id}/approve", []);
        var (sendStatus, sendPage) = await officer.GetAsync($"/bulletins/{draft.Id}/send");
        Assert.That(sendStatus, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(sendPage, Does.Contain("to 2 active subscribers"));
        var (scheduleStatus, schedulePage) = await officer.GetAsync($"/bulletins/{draft.Id}/schedule");
        Assert.That(scheduleStatus, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(schedulePage, Does.Contain("value=\"2026-12-07T09:00\""), "the time it is due now, London wall clock");
        using var nonsense = await officer.PostFormAsync($"/bulletins/{draft.Id}/schedule", new() { ["At"] = "next tuesday" });
        Assert.That(nonsense.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await nonsense.Content.ReadAsStringAsync(), Does.Contain("Enter the date and time in London time").And.Contain("next tuesday"));
        using var past = await officer.PostFormAsync($"/bulletins/{draft.Id}/schedule", new() { ["At"] = "2026-11-20T09:00" });
        Assert.That(past.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        using var moved = await officer.PostFormAsync($"/bulletins/{draft.Id}/schedule", new() { ["At"] = "2026-12-20T09:30" });
        Assert.That(moved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await DraftAsync(server)).ScheduledFor, Is.EqualTo(DateTimeOffset.Parse("2026-12-20T09:30:00Z")), "London wall clock (GMT in December)");

        using var sent = await officer.PostFormAsync($"/bulletins/{draft.Id}/send", []);
        Assert.That(sent.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var queued = BulletinFixture.Outbox(data.Path);
        Assert.That(queued.Select(q => q.Recipient), Is.EquivalentTo(new[] { "ada@network.test", "ben@network.test" }));
        Assert.That(queued.Select(q => q.Message.TextBody), Has.All.Contain("Officer's editorial for December."));
        Assert.That((await officer.GetAsync($"/bulletins/{draft.Id}")).Body, Does.Contain("to 2 subscribers"));
        using var twice = await officer.PostFormAsync($"/bulletins/{draft.Id}/send", [], formPage: $"/bulletins/{draft.Id}");
        Assert.That(twice.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        var actions = (await server.Services.GetRequiredService<AuditLog>().ListAsync(null, 50)).Select(e => (e.Action, e.Actor)).ToList();
        Assert.That(actions, Does.Contain(("bulletin send", "officer@lga.test")).And.Contain(("bulletin schedule", "officer@lga.test")).And.Contain(("bulletin edit", "officer@lga.test")));
    }

    [Test]
    public async Task A_test_goes_only_to_the_signed_in_person_and_is_not_the_bulletins_send()
    {
        using var data = new TempDataDir();
        await using var server = await StartWithFiguresAsync(data);
        await SubscribeAsync(server, "ada@network.test");
        using var officer = await server.SignInAsync("officer@lga.test", StaffRole.Officer);
        await officer.PostFormAsync("/bulletins/draft", Editorial("Words for the test."));
        var draft = await DraftAsync(server);
        Assert.That((await officer.GetAsync($"/bulletins/{draft.Id}/test-send")).Body, Does.Contain("One copy goes to officer@lga.test only"));

        using var test = await officer.PostFormAsync($"/bulletins/{draft.Id}/test-send", new() { ["To"] = "someone.else@example.test" });
        Assert.That(test.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var copy = BulletinFixture.Outbox(data.Path, BulletinDrafts.TestOutboxKind).Single();
        Assert.That(copy.Recipient, Is.EqualTo("officer@lga.test"), "a form field cannot send it elsewhere");
        Assert.That(copy.Message.Subject, Does.StartWith("[TEST]"));
        Assert.That(BulletinFixture.Outbox(data.Path), Is.Empty, "no subscriber got anything");
        Assert.That((await DraftAsync(server)).Status, Is.EqualTo(BulletinStore.Draft));
        var entry = (await server.Services.GetRequiredService<AuditLog>().ListAsync(null, 20)).First(e => e.Action == "bulletin test-send");
        Assert.That((entry.Actor, entry.RecordId), Is.EqualTo(("officer@lga.test", draft.Id.ToString())));
        Assert.That((await officer.GetAsync("/bulletins/99/test-send")).Status, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
