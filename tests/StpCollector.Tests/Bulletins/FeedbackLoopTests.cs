using System.Data.Common;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Contacts;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Bulletins;

/// <summary>
/// The feedback loop end to end, through the real executable and the folder transport: a bulletin goes out, replies
/// come back through the drop folder and become feedback (one linked to the FAQ entry it quotes), an FAQ entry is
/// drafted from them, published with "raised by 2 councils", and retired; members' hostile text stays text throughout.
/// </summary>
public sealed class FeedbackLoopTests
{
    private static readonly Dictionary<string, string> Now = new() { ["STPCOLLECTOR__Clock__Now"] = "2026-12-01T10:00:00Z" };
    private static readonly Dictionary<string, string> Later = new() { ["STPCOLLECTOR__Clock__Now"] = "2026-12-02T09:30:00Z" };

    private const string Hartlepool = "stp.lead@hartlepool.gov.test";
    private const string Barnet = "stp.lead@barnet.gov.test";
    private const string Away = "away@network.test";
    private const string Leaving = "leaving@network.test";

    private const string FundingQuestion = "What new funding sources are being investigated?";
    private const string NewQuestion = "Will STP money reach district councils?";

    [Test]
    public async Task Four_replies_give_two_feedback_one_linked_to_the_faq_an_unsubscribe_and_nothing_held_and_a_draft_from_them_is_published_and_retired()
    {
        using var data = new TempDataDir();
        await SetUpAsync(data, [Hartlepool, Barnet, Away, Leaving]);
        string[] Dir(params string[] args) => [.. args, "--data-dir", data.Path];
        var send = await AppProcess.RunAsync(Dir("bulletin", "send-now", "--yes"), Now);
        Assert.That(send.ExitCode, Is.EqualTo(0), send.Stdout + send.Stderr);

        var inbox = Directory.CreateDirectory(Path.Combine(data.Path, "mail", "inbox")).FullName;
        // The reply quotes the FAQ entry it answers (the question and its answer), as a member cutting the quote down would.
        var bulletinLines = BulletinFixture.Outbox(data.Path).First(q => q.Recipient == Hartlepool).Message.TextBody!.Split('\n').ToList();
        var quoted = bulletinLines.Skip(bulletinLines.FindIndex(l => l.Trim() == FundingQuestion)).Take(3);
        var quoting = "We are looking at a local land tax; happy to share what we find.\n\nKind regards,\nYusuf Ahmed\n\n" +
                      "On 1 Dec 2026, LGA STP network wrote:\n" + string.Join('\n', quoted.Select(l => "> " + l));
        await BulletinFixture.ReplyTo(data.Path, Hartlepool, "Re: LGA STP network bulletin, December 2026", quoting).WriteToAsync(Path.Combine(inbox, "quoting.eml"));
        await BulletinFixture.ReplyTo(data.Path, Barnet, "Re: LGA STP network bulletin, December 2026",
                $"{NewQuestion} Barnet has asked twice.\n<script>alert('x')</script>\n=HYPERLINK(\"http://evil.test\",\"click\")\n\nThanks,\nJoanne Hughes\n\n> the bulletin")
            .WriteToAsync(Path.Combine(inbox, "question.eml"));
        await BulletinFixture.ReplyTo(data.Path, Away, "Automatic reply: LGA STP network bulletin, December 2026", "I am out of the office until Monday.",
            ("Auto-Submitted", "auto-replied")).WriteToAsync(Path.Combine(inbox, "away.eml"));
        await BulletinFixture.ReplyTo(data.Path, Leaving, "Re: LGA STP network bulletin, December 2026", "unsubscribe\n\n> the bulletin")
            .WriteToAsync(Path.Combine(inbox, "leaving.eml"));

        var poll = await AppProcess.RunAsync(Dir("run", "--once", "--sweep", "MailboxPoll"), Later);
        var feedback = JsonDocument.Parse((await AppProcess.RunAsync(Dir("feedback", "list", "--json"), Later)).Stdout).RootElement;
        var held = await AppProcess.RunAsync(Dir("holding-pen", "list"), Later);
        var subscribers = JsonDocument.Parse((await AppProcess.RunAsync(Dir("subscribers", "list", "--json"), Later)).Stdout).RootElement;
        var draft = await AppProcess.RunAsync(Dir("faq", "draft", "--from-feedback", "1", "2", "--question", NewQuestion), Later);
        var show = await AppProcess.RunAsync(Dir("faq", "show", "9"), Later);
        await AppProcess.RunAsync(Dir("faq", "publish", "9"), Later);
        var published = await AppProcess.RunAsync(Dir("bulletin", "preview"), Later);
        var html = data.File("preview.html");
        await AppProcess.RunAsync(Dir("bulletin", "preview", "--out", html), Later);
        await AppProcess.RunAsync(Dir("faq", "retire", "9"), Later);
        var retired = await AppProcess.RunAsync(Dir("bulletin", "preview"), Later);

        Assert.That(poll.ExitCode, Is.EqualTo(0), poll.Stdout + poll.Stderr);
        var bySender = feedback.EnumerateArray().ToDictionary(f => f.GetProperty("sender").GetString()!);
        Assert.That(bySender.Keys, Is.EquivalentTo(new[] { Hartlepool, Barnet }), "the out-of-office and the unsubscribe are not feedback");
        Assert.That(bySender[Hartlepool].GetProperty("faqId").GetInt64(), Is.EqualTo(3), "it quotes the bulletin's FAQ entry on new funding sources");
        Assert.That(bySender[Hartlepool].GetProperty("words").GetString(), Is.EqualTo("We are looking at a local land tax; happy to share what we find."));
        Assert.That(bySender[Barnet].TryGetProperty("faqId", out var none) ? none.ValueKind : JsonValueKind.Null, Is.EqualTo(JsonValueKind.Null));
        Assert.That(held.Stdout, Does.Contain("Nothing is held"));
        var statuses = subscribers.EnumerateArray().ToDictionary(s => s.GetProperty("email").GetString()!, s => s.GetProperty("status").GetString());
        Assert.That((statuses[Leaving], statuses[Away], statuses[Barnet]), Is.EqualTo(("unsubscribed", "active", "active")));

        Assert.That(draft.ExitCode, Is.EqualTo(0), draft.Stderr);
        Assert.That(show.Stdout, Does.Contain("A unitary council in the North East: \u201cWe are looking at a local land tax")
            .And.Contain("A London borough: \u201cWill STP money reach district councils? (council) has asked twice.")
            .And.Not.Contain("Hartlepool").And.Not.Contain("Barnet").And.Not.Contain("Yusuf").And.Not.Contain("Joanne"));
        Assert.That(published.ExitCode, Is.EqualTo(0), published.Stderr);
        Assert.That(published.Stdout, Does.Contain($"{NewQuestion}\n(raised by 2 councils since December 2026)")
            .And.Contain($"{FundingQuestion}\n(raised by 1 council since December 2026)")
            .And.Contain("<script>alert('x')</script> =HYPERLINK(\"http://evil.test\",\"click\")"));
        var page = await File.ReadAllTextAsync(html);
        Assert.That(page, Does.Contain("&lt;script&gt;alert(").And.Not.Contain("<script>alert(").And.Contain("Raised by 2 councils since December 2026"));
        Assert.That(retired.Stdout, Does.Not.Contain(NewQuestion));
    }

    [Test]
    public async Task Hostile_feedback_of_8_MB_shows_as_text_in_the_json_the_csv_and_the_preview()
    {
        using var data = new TempDataDir();
        await SetUpAsync(data, [Barnet]);
        string[] Dir(params string[] args) => [.. args, "--data-dir", data.Path];
        Assert.That((await AppProcess.RunAsync(Dir("bulletin", "send-now", "--yes"), Now)).ExitCode, Is.EqualTo(0));
        var inbox = Directory.CreateDirectory(Path.Combine(data.Path, "mail", "inbox")).FullName;
        var body = new StringBuilder("=HYPERLINK(\"http://evil.test\",\"click\") <img src=x onerror=alert(1)> {{ bulletin.date }}\n");
        while (body.Length < 8 * 1024 * 1024)
            body.Append("Our budget position is difficult and the gap keeps growing every quarter. ");
        await BulletinFixture.ReplyTo(data.Path, Barnet, "Re: bulletin", body.ToString()).WriteToAsync(Path.Combine(inbox, "big.eml"));

        var poll = await AppProcess.RunAsync(Dir("run", "--once", "--sweep", "MailboxPoll"), Later);
        var csv = data.File("feedback.csv");
        var json = await AppProcess.RunAsync(Dir("feedback", "list", "--json", "--csv", csv), Later);
        await AppProcess.RunAsync(Dir("faq", "draft", "--from-feedback", "1", "--question", "Is the gap growing everywhere?"), Later);
        await AppProcess.RunAsync(Dir("faq", "publish", "9"), Later);
        var preview = await AppProcess.RunAsync(Dir("bulletin", "preview"), Later);

        Assert.That(poll.ExitCode, Is.EqualTo(0), poll.Stderr);
        Assert.That(json.ExitCode, Is.EqualTo(0), json.Stderr);
        var words = JsonDocument.Parse(json.Stdout).RootElement[0].GetProperty("words").GetString()!;
        Assert.That(words, Does.StartWith("=HYPERLINK(\"http://evil.test\",\"click\") <img src=x onerror=alert(1)>"));
        Assert.That(words.Length, Is.GreaterThan(8_000_000));
        var rows = StpCollector.Files.CsvTable.Read(csv);
        var cell = rows.Rows.Single().Fields[rows.ColumnOf("words")];
        Assert.That(cell, Does.StartWith("'=HYPERLINK("), "a spreadsheet shows it, never runs it");
        Assert.That(cell.Length, Is.LessThan(32_767));
        Assert.That(preview.ExitCode, Is.EqualTo(0), preview.Stderr);
        Assert.That(preview.Stdout, Does.Contain("\u201c=HYPERLINK(\"http://evil.test\",\"click\") <img src=x onerror=alert(1)> {{ bulletin.date }} Our budget"));
        Assert.That(preview.Stdout.Length, Is.LessThan(100_000), "the FAQ quotes a short point, not 8 MB");
    }

    private static async Task SetUpAsync(TempDataDir data, IEnumerable<string> subscribers)
    {
        using (var host = await data.StartHostAsync())
        {
            await host.Services.GetRequiredService<ContactImporter>().ImportAsync(RepoPaths.Seeds("contacts-sample.csv"), skipInvalid: false);
            KnownRounds.Create(ReturnsBuilder.For(host));
            await BulletinFixture.AddSubscribersAsync(host, subscribers);
        }

        SqliteConnection.ClearAllPools();
    }
}
