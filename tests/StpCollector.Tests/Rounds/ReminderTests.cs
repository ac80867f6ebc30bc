using Microsoft.Extensions.DependencyInjection;
using StpCollector.Calendar;
using StpCollector.Rounds;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Rounds;

public sealed class ReminderTests
{
    // The round closes Tuesday 5 January 2027 at 12:00. England-and-Wales working days before it:
    //   1 = Monday 4 January (a bank holiday in Scotland only, so it counts here);
    //   2 = Thursday 31 December, 3 = Wednesday 30 December (Friday 1 January and the weekend are not working days).
    // Under the UK-wide FOIA calendar the 1-day reminder would fall on Thursday 31 December instead.
    private const string Closes = "2027-01-05 12:00";

    [Test]
    public async Task Reminders_go_only_to_councils_that_have_not_responded_on_the_working_day_schedule()
    {
        var run = RoundTestData.NewRun();
        var clock = new ManualClock(LondonTime.FromLondon(new DateTime(2026, 12, 21, 10, 0, 0)));
        using var data = new TempDataDir();
        using var host = await data.StartHostAsync(MailSandbox.Shared.Settings(), services: clock.Install);
        var councils = await RoundTestData.AddCouncilsAsync(host.Services, run, 3);
        var (early, late, silent) = (councils[0], councils[1], councils[2]);
        var round = (await RoundTestData.CreateRoundAsync(host.Services, $"region:Test {run}", "now", Closes, reminders: "3,1")).Round;
        await RoundSweeps.TickAsync(host.Services);
        await RoundTestData.RecordReturnAsync(host.Services, round.Id, early.Code, clock.GetUtcNow());

        clock.SetLondon(2026, 12, 30, 8, 59);
        await RoundSweeps.TickAsync(host.Services);
        Assert.That(await RemindedAsync(host.Services), Is.Empty, "nothing before 09:00 on the day");

        clock.SetLondon(2026, 12, 30, 9, 0);
        await RoundSweeps.TickAsync(host.Services);
        await RoundSweeps.TickAsync(host.Services);
        Assert.That(await RemindedAsync(host.Services), Is.EquivalentTo(new[] { $"{late.Code} 3", $"{silent.Code} 3" }), "once each, never to the council that answered");

        clock.SetLondon(2026, 12, 31, 9, 30);
        await RoundSweeps.TickAsync(host.Services);
        Assert.That(await RemindedAsync(host.Services), Has.Count.EqualTo(2), "31 December is not 1 England-and-Wales working day before the close");
        await RoundTestData.RecordReturnAsync(host.Services, round.Id, late.Code, clock.GetUtcNow());

        clock.SetLondon(2027, 1, 4, 9, 0);
        await RoundSweeps.TickAsync(host.Services);
        Assert.That(await RemindedAsync(host.Services), Is.EquivalentTo(new[] { $"{late.Code} 3", $"{silent.Code} 3", $"{silent.Code} 1" }));

        clock.SetLondon(2027, 1, 5, 12, 0);
        await RoundSweeps.TickAsync(host.Services);
        Assert.That((await host.Services.GetRequiredService<RoundQueries>().ShowAsync(round.Id, CancellationToken.None)).Summary.Round.Status, Is.EqualTo("closed"));

        var mailboxes = await RoundSweeps.SettledMailboxesAsync(new Dictionary<string, int> { [early.Email] = 1, [late.Email] = 2, [silent.Email] = 3 });
        Assert.That(mailboxes[early.Email].Select(m => m.Subject), Is.EqualTo(new[] { $"[{round.Reference}] STP involvement test round: please reply by 5 January 2027" }));
        Assert.That(mailboxes[late.Email], Has.Count.EqualTo(2));
        var silentMail = mailboxes[silent.Email].OrderBy(m => m.Date).ToList();
        Assert.That(silentMail, Has.Count.EqualTo(3));
        Assert.That(silentMail.Skip(1).Select(m => m.Subject), Is.All.StartWith($"[{round.Reference}] Reminder: STP involvement test round"));
        Assert.That(silentMail.Skip(1).Select(m => m.InReplyTo), Is.All.EqualTo(silentMail[0].MessageId), "reminders thread under the invitation");
        Assert.That(silentMail[1].TextBody, Does.Contain("in 3 working days"));
        Assert.That(silentMail[2].TextBody, Does.Contain("in 1 working day."));

        var (_, shown) = await host.Services.GetRequiredService<RoundQueries>().ShowAsync(round.Id, CancellationToken.None);
        Assert.That(shown.Single(c => c.CouncilCode == silent.Code).RemindersSent, Is.EqualTo("3,1"));
        Assert.That(shown.Single(c => c.CouncilCode == early.Code).RespondedAt, Is.Not.Null);

        // Every timestamp the round wrote is fixed-width UTC text, so SQL can compare them as strings.
        var stamps = await RoundTestData.QueryAsync<string>(host.Services, """
            SELECT opens_at FROM rounds UNION ALL SELECT closes_at FROM rounds UNION ALL SELECT created_at FROM rounds
            UNION ALL SELECT opened_at FROM rounds UNION ALL SELECT closed_at FROM rounds
            UNION ALL SELECT invited_at FROM round_councils UNION ALL SELECT created_at FROM round_reminders
            UNION ALL SELECT due_at FROM round_reminder_slots UNION ALL SELECT processed_at FROM round_reminder_slots
            UNION ALL SELECT next_attempt_at FROM outbox UNION ALL SELECT sent_at FROM outbox
            """);
        Assert.That(stamps, Has.Count.EqualTo(5 + 3 + 3 + 2 + 2 + 6 + 6));
        Assert.That(stamps, Is.All.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"));
    }

    [Test]
    public async Task Work_missed_while_the_worker_was_down_is_done_once_and_a_reminder_whose_day_passed_is_skipped_and_logged()
    {
        var run = RoundTestData.NewRun();
        var clock = new ManualClock(LondonTime.FromLondon(new DateTime(2026, 12, 21, 10, 0, 0)));
        using var data = new TempDataDir();
        using var host = await data.StartHostAsync(services: clock.Install);
        var councils = await RoundTestData.AddCouncilsAsync(host.Services, run, 2);
        var audience = $"region:Test {run}";
        var round = (await RoundTestData.CreateRoundAsync(host.Services, audience, "2026-12-21 11:00", Closes, reminders: "3,1")).Round;
        var openedWhileDown = (await RoundTestData.CreateRoundAsync(host.Services, audience, "2026-12-22 09:00", "2027-01-20 17:00")).Round;
        var wholeWindowMissed = (await RoundTestData.CreateRoundAsync(host.Services, audience, "2026-12-22 12:00", "2026-12-24 12:00")).Round;
        clock.SetLondon(2026, 12, 21, 11, 0);
        await RoundSweeps.TickAsync(host.Services);

        // The worker is down from the afternoon of 21 December to the morning of Monday 4 January.
        clock.SetLondon(2027, 1, 4, 10, 0);
        await RoundSweeps.TickAsync(host.Services);
        await RoundSweeps.TickAsync(host.Services);

        Assert.That(await RemindedAsync(host.Services), Is.EquivalentTo(councils.Select(c => $"{c.Code} 1")), "the reminder due today still goes, once");
        var slots = await RoundTestData.QueryAsync<(long Slot, string Outcome)>(host.Services, "SELECT slot, outcome FROM round_reminder_slots WHERE round_id = @Id ORDER BY slot", round);
        Assert.That(slots, Is.EqualTo(new[] { (1L, "sent"), (3L, "skipped") }));
        Assert.That(await InvitationsAsync(host.Services, openedWhileDown), Is.EqualTo(2), "a round that opened while the worker was down is opened on start");
        Assert.That(await RoundTestData.ScalarAsync<string>(host.Services, "SELECT status FROM rounds WHERE id = @Id", wholeWindowMissed), Is.EqualTo("closed"));
        Assert.That(await InvitationsAsync(host.Services, wholeWindowMissed), Is.Zero, "a round whose whole window passed while the worker was down sends nothing");

        host.Dispose();
        var log = string.Concat(Directory.GetFiles(Path.Combine(data.Path, "logs")).Select(File.ReadAllText));
        Assert.That(log, Does.Contain($"Round {round.Reference}: skipped the reminder 3 working day(s) before the close").And.Contain("no longer useful"));
        Assert.That(log, Does.Contain($"Round {wholeWindowMissed.Reference} was due to open"));
    }

    private static Task<long> InvitationsAsync(IServiceProvider services, Round round) =>
        RoundTestData.ScalarAsync<long>(services, "SELECT count(*) FROM outbox WHERE kind = 'invitation' AND topic = @Topic AND status = 'sent'", new { round.Topic });

    [Test]
    public async Task No_reminder_goes_after_the_close_even_if_it_was_queued_before()
    {
        var run = RoundTestData.NewRun();
        var clock = new ManualClock(LondonTime.FromLondon(new DateTime(2026, 12, 21, 10, 0, 0)));
        using var data = new TempDataDir();
        using var host = await data.StartHostAsync(services: clock.Install);
        await RoundTestData.AddCouncilsAsync(host.Services, run, 2);
        var round = (await RoundTestData.CreateRoundAsync(host.Services, $"region:Test {run}", "now", Closes, reminders: "1")).Round;
        await RoundSweeps.TickAsync(host.Services);

        clock.SetLondon(2027, 1, 4, 9, 0);
        await host.Services.GetRequiredService<RoundLifecycleSweep>().RunAsync(CancellationToken.None); // queued; the mail server is then out of reach...
        clock.SetLondon(2027, 1, 5, 12, 0);
        await host.Services.GetRequiredService<StpCollector.Outbox.OutboxDispatchSweep>().RunAsync(CancellationToken.None); // ...until the close

        var reminders = await RoundTestData.QueryAsync<(string Status, string LastError)>(host.Services,
            "SELECT status, last_error FROM outbox WHERE kind = 'reminder' AND topic = @Topic", round);
        Assert.That(reminders, Has.Count.EqualTo(2));
        Assert.That(reminders, Is.All.EqualTo(("cancelled", "Not sent: it expired at 2027-01-05T12:00:00.000Z (UTC) before it could go.")),
            "the dispatcher itself will not send a reminder after the close, even before the round sweep has closed the round");
        Assert.That(Directory.GetFiles(Path.Combine(data.Path, "mail", "outbox")), Has.Length.EqualTo(2), "only the two invitations went");
    }

    [Test]
    public async Task A_bounced_council_gets_no_reminder_and_round_show_gives_the_reason()
    {
        var run = RoundTestData.NewRun();
        var clock = new ManualClock(LondonTime.FromLondon(new DateTime(2026, 12, 21, 10, 0, 0)));
        using var data = new TempDataDir();
        using var host = await data.StartHostAsync(services: clock.Install);
        var councils = await RoundTestData.AddCouncilsAsync(host.Services, run, 2);
        var round = (await RoundTestData.CreateRoundAsync(host.Services, $"region:Test {run}", "now", Closes, reminders: "1")).Round;
        await RoundSweeps.TickAsync(host.Services);
        var invitation = await RoundTestData.ScalarAsync<long>(host.Services,
            "SELECT invitation_outbox_id FROM round_councils WHERE council_code = @Code", new { councils[0].Code });

        await using (var connection = await host.Services.GetRequiredService<StpCollector.Storage.Database>().OpenAsync())
        {
            Assert.That(await RoundDelivery.RecordBounceAsync(connection, null, invitation, "550 5.1.1 User unknown", clock.GetUtcNow()), Is.True);
            Assert.That(await RoundDelivery.RecordBounceAsync(connection, null, invitation + 1000, "550", clock.GetUtcNow()), Is.False, "not a round's mail");
        }

        clock.SetLondon(2027, 1, 4, 9, 0);
        await RoundSweeps.TickAsync(host.Services);

        Assert.That(await RemindedAsync(host.Services), Is.EqualTo(new[] { $"{councils[1].Code} 1" }));
        var (summary, shown) = await host.Services.GetRequiredService<RoundQueries>().ShowAsync(round.Id, CancellationToken.None);
        Assert.That(summary.Bounced, Is.EqualTo(1));
        var bounced = shown.Single(c => c.CouncilCode == councils[0].Code);
        Assert.That((bounced.Delivery, bounced.BounceReason), Is.EqualTo(("bounced", "550 5.1.1 User unknown")));
    }

    private static async Task<IReadOnlyList<string>> RemindedAsync(IServiceProvider services) =>
        (await RoundTestData.QueryAsync<(string Code, long Slot)>(services, "SELECT council_code, slot FROM round_reminders ORDER BY created_at, council_code"))
        .Select(r => $"{r.Code} {r.Slot}").ToList();
}
