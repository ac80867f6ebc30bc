using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using StpCollector.Contacts;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Bulletins;

/// <summary>
/// Through the real executable and the drop folder: a reply to the bulletin from someone who is not a subscriber is held;
/// `feedback take` moves it into feedback (own words, council, bulletin from the thread) and out of the holding pen, once.
/// </summary>
public sealed class FeedbackTakeTests
{
    private static readonly Dictionary<string, string> Now = new() { ["STPCOLLECTOR__Clock__Now"] = "2026-12-01T10:00:00Z" };
    private static readonly Dictionary<string, string> Later = new() { ["STPCOLLECTOR__Clock__Now"] = "2026-12-02T09:30:00Z" };

    private const string Subscriber = "stp.lead@hartlepool.gov.test";
    private const string Colleague = "colleague@hartlepool.gov.test";

    [Test]
    public async Task A_strangers_reply_held_in_the_holding_pen_is_taken_into_feedback_once()
    {
        using var data = new TempDataDir();
        using (var host = await data.StartHostAsync())
        {
            await host.Services.GetRequiredService<ContactImporter>().ImportAsync(RepoPaths.Seeds("contacts-sample.csv"), skipInvalid: false);
            KnownRounds.Create(ReturnsBuilder.For(host));
            await BulletinFixture.AddSubscribersAsync(host, [Subscriber]);
        }

        SqliteConnection.ClearAllPools();
        string[] Dir(params string[] args) => [.. args, "--data-dir", data.Path];
        var send = await AppProcess.RunAsync(Dir("bulletin", "send-now", "--yes"), Now);
        Assert.That(send.ExitCode, Is.EqualTo(0), send.Stdout + send.Stderr);

        // A colleague the subscriber forwarded the bulletin to answers it, to the bulletin's sender, in its thread.
        var reply = BulletinFixture.ReplyTo(data.Path, Subscriber, "Re: LGA STP network bulletin, December 2026",
            "Could the next bulletin cover joint commissioning?\n\nThanks,\nSam\n\n> LGA STP network bulletin, December 2026");
        reply.From.Clear();
        reply.From.Add(MailboxAddress.Parse(Colleague));
        reply.To.Clear();
        reply.To.AddRange(BulletinFixture.Outbox(data.Path).Last().Message.From);
        var inbox = Path.Combine(data.Path, "mail", "inbox");
        Directory.CreateDirectory(inbox);
        await reply.WriteToAsync(Path.Combine(inbox, "colleague.eml"));

        var poll = await AppProcess.RunAsync(Dir("run", "--once", "--sweep", "MailboxPoll"), Later);
        var heldBefore = await AppProcess.RunAsync(Dir("holding-pen", "list", "--json"), Later);
        Assert.That(poll.ExitCode, Is.EqualTo(0), poll.Stdout + poll.Stderr);
        var held = JsonDocument.Parse(heldBefore.Stdout).RootElement;
        Assert.That(held.GetArrayLength(), Is.EqualTo(1), heldBefore.Stdout);
        var inboundId = held[0].GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(held[0].GetProperty("reason").GetString(), Does.Contain($"feedback take {inboundId}"), "the held reason says what staff can do");

        var noSuchBulletin = await AppProcess.RunAsync(Dir("feedback", "take", inboundId, "--bulletin", "7"), Later);
        var take = await AppProcess.RunAsync(Dir("feedback", "take", inboundId), Later);
        var shown = await AppProcess.RunAsync(Dir("holding-pen", "show", inboundId), Later);
        var list = await AppProcess.RunAsync(Dir("feedback", "list", "--json"), Later);
        var heldAfter = await AppProcess.RunAsync(Dir("holding-pen", "list"), Later);
        var again = await AppProcess.RunAsync(Dir("feedback", "take", inboundId), Later);
        var unknown = await AppProcess.RunAsync(Dir("feedback", "take", "99"), Later);

        Assert.That(noSuchBulletin.ExitCode, Is.EqualTo(2), "an unknown bulletin is refused and the message stays held");
        Assert.That(noSuchBulletin.Stderr, Does.Contain("There is no bulletin #7"));
        Assert.That(take.ExitCode, Is.EqualTo(0), take.Stdout + take.Stderr);
        Assert.That(shown.Stdout, Does.Contain("handled").And.Contain("taken as feedback #1"), shown.Stdout);
        Assert.That(take.Stdout, Does.Contain("is now feedback #1"));
        var entries = JsonDocument.Parse(list.Stdout).RootElement;
        Assert.That(entries.GetArrayLength(), Is.EqualTo(1), list.Stdout);
        Assert.That(entries[0].GetProperty("sender").GetString(), Is.EqualTo(Colleague));
        Assert.That(entries[0].GetProperty("councilCode").GetString(), Is.EqualTo("E06000001"));
        Assert.That(entries[0].GetProperty("bulletinId").GetInt64(), Is.EqualTo(1));
        Assert.That(entries[0].GetProperty("words").GetString(), Is.EqualTo("Could the next bulletin cover joint commissioning?"));
        Assert.That(entries[0].GetProperty("receivedAt").GetString(), Does.StartWith("2026-12-02T09:30"));
        Assert.That(heldAfter.Stdout, Does.Contain("Nothing is held"), heldAfter.Stdout);
        Assert.That(again.ExitCode, Is.EqualTo(2));
        Assert.That(again.Stderr, Does.Contain("not in the holding pen"));
        Assert.That(unknown.ExitCode, Is.EqualTo(2));
        Assert.That(unknown.Stderr, Does.Contain("There is no inbound message #99"));
    }
}
