using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Contacts;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Bulletins;

/// <summary>
/// Replies to a bulletin through the real executable and the drop folder: a question becomes feedback with only the
/// person's own words, an out-of-office is ignored, "unsubscribe" unsubscribes, nothing is held; and `feedback show`
/// prints hostile text as text.
/// </summary>
public sealed class FeedbackTests
{
    private static readonly Dictionary<string, string> Now = new() { ["STPCOLLECTOR__Clock__Now"] = "2026-12-01T10:00:00Z" };
    private static readonly Dictionary<string, string> Later = new() { ["STPCOLLECTOR__Clock__Now"] = "2026-12-02T09:30:00Z" };

    private const string Asking = "stp.lead@hartlepool.gov.test";
    private const string Away = "away@network.test";
    private const string Leaving = "leaving@network.test";

    private const string Question = """
        Does the FAQ answer on pooled budgets apply to county councils too?
        <script>alert('x')</script> =HYPERLINK("http://evil.test","click")

        Kind regards,
        Yusuf Ahmed
        Strategy Officer

        On Tue, 1 Dec 2026 at 10:00, LGA STP network <stp@lga.test> wrote:
        > LGA STP network bulletin, December 2026
        > FREQUENTLY ASKED ISSUES AND QUESTIONS
        """;

    [Test]
    public async Task Of_three_replies_the_question_is_feedback_in_its_own_words_the_out_of_office_ignored_the_unsubscribe_done_and_nothing_held()
    {
        using var data = new TempDataDir();
        using (var host = await data.StartHostAsync())
        {
            await host.Services.GetRequiredService<ContactImporter>().ImportAsync(RepoPaths.Seeds("contacts-sample.csv"), skipInvalid: false);
            KnownRounds.Create(ReturnsBuilder.For(host));
            await BulletinFixture.AddSubscribersAsync(host, [Asking, Away, Leaving]);
        }

        SqliteConnection.ClearAllPools();
        string[] Dir(params string[] args) => [.. args, "--data-dir", data.Path];
        var send = await AppProcess.RunAsync(Dir("bulletin", "send-now", "--yes"), Now);
        Assert.That(send.ExitCode, Is.EqualTo(0), send.Stdout + send.Stderr);

        var inbox = Path.Combine(data.Path, "mail", "inbox");
        Directory.CreateDirectory(inbox);
        await BulletinFixture.ReplyTo(data.Path, Asking, "Re: LGA STP network bulletin, December 2026", Question).WriteToAsync(Path.Combine(inbox, "question.eml"));
        await BulletinFixture.ReplyTo(data.Path, Away, "Automatic reply: LGA STP network bulletin, December 2026", "I am out of the office until Monday.",
            ("Auto-Submitted", "auto-replied")).WriteToAsync(Path.Combine(inbox, "away.eml"));
        await BulletinFixture.ReplyTo(data.Path, Leaving, "Re: LGA STP network bulletin, December 2026", "unsubscribe\n\n> the bulletin")
            .WriteToAsync(Path.Combine(inbox, "leaving.eml"));

        var poll = await AppProcess.RunAsync(Dir("run", "--once", "--sweep", "MailboxPoll"), Later);
        var list = await AppProcess.RunAsync(Dir("feedback", "list"), Later);
        var json = await AppProcess.RunAsync(Dir("feedback", "list", "--json"), Later);
        var show = await AppProcess.RunAsync(Dir("feedback", "show", "1"), Later);
        var missing = await AppProcess.RunAsync(Dir("feedback", "show", "99"), Later);
        var held = await AppProcess.RunAsync(Dir("holding-pen", "list"), Later);
        var subscribers = await AppProcess.RunAsync(Dir("subscribers", "list", "--json"), Later);

        Assert.That(poll.ExitCode, Is.EqualTo(0), poll.Stdout + poll.Stderr);
        Assert.That(list.ExitCode, Is.EqualTo(0), list.Stderr);
        Assert.That(list.Stdout, Does.Contain(Asking).And.Contain("Hartlepool").And.Contain("2026-12-02 09:30").And.Contain("Does the FAQ answer"));
        var entries = JsonDocument.Parse(json.Stdout).RootElement;
        Assert.That(entries.GetArrayLength(), Is.EqualTo(1), json.Stdout);
        Assert.That(entries[0].GetProperty("bulletinId").GetInt64(), Is.EqualTo(1));
        Assert.That(entries[0].GetProperty("councilCode").GetString(), Is.EqualTo("E06000001"));
        var words = entries[0].GetProperty("words").GetString();
        Assert.That(words, Does.StartWith("Does the FAQ answer on pooled budgets apply to county councils too?")
            .And.EndWith("=HYPERLINK(\"http://evil.test\",\"click\")"), "only the person's own words: no sign-off, signature or quote");
        Assert.That(show.ExitCode, Is.EqualTo(0), show.Stderr);
        Assert.That(show.Stdout, Does.Contain("<script>alert('x')</script> =HYPERLINK(\"http://evil.test\",\"click\")").And.Contain("Bulletin: #1")
            .And.Not.Contain("Kind regards").And.Not.Contain("> FREQUENTLY"));
        Assert.That(missing.ExitCode, Is.EqualTo(2));
        Assert.That(missing.Stderr, Does.Contain("There is no feedback #99"));
        Assert.That(held.Stdout, Does.Contain("Nothing is held"), held.Stdout);
        var statuses = JsonDocument.Parse(subscribers.Stdout).RootElement.EnumerateArray()
            .ToDictionary(s => s.GetProperty("email").GetString()!, s => s.GetProperty("status").GetString());
        Assert.That(statuses[Leaving], Is.EqualTo("unsubscribed"));
        Assert.That(statuses[Asking], Is.EqualTo("active"));
        Assert.That(statuses[Away], Is.EqualTo("active"));
    }

    [Test]
    public async Task Feedback_list_on_a_new_installation_says_there_is_none_yet()
    {
        using var data = new TempDataDir();

        var list = await AppProcess.RunAsync(["feedback", "list", "--data-dir", data.Path]);

        Assert.That(list.ExitCode, Is.EqualTo(0), list.Stderr);
        Assert.That(list.Stdout, Does.StartWith("No feedback yet"));
    }
}
