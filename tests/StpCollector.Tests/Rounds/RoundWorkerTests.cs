using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using MimeKit;
using StpCollector.Calendar;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Rounds;

/// <summary>The real worker process against the real mail sandbox: new rounds picked up live, and a SIGKILL mid-dispatch.</summary>
public sealed partial class RoundWorkerTests
{
    [Test]
    public async Task A_round_created_while_the_worker_runs_is_dispatched_without_a_restart()
    {
        var run = RoundTestData.NewRun();
        using var data = new TempDataDir();
        IReadOnlyList<TestCouncil> councils;
        using (var host = await data.StartHostAsync())
            councils = await RoundTestData.AddCouncilsAsync(host.Services, run, 2);

        using var worker = AppProcess.Start(["run", "--data-dir", data.Path], WorkerEnvironment());
        await worker.WaitForOutputAsync("Scheduled sweep OutboxDispatch", TimeSpan.FromSeconds(60));

        var (exit, stdout, stderr) = await AppProcess.RunAsync(
        [
            "round", "create", "--questionnaire", RoundTestData.Questionnaire, "--title", "Created while the worker runs",
            "--opens", "now", "--closes", InThreeWeeks(), "--audience", $"region:Test {run}", "--reminders", "none", "--data-dir", data.Path,
        ]);
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stdout, Does.StartWith("Created round 1 (STP-R1)"));

        var mailboxes = await RoundSweeps.SettledMailboxesAsync(councils.ToDictionary(c => c.Email, _ => 1));
        foreach (var council in councils)
        {
            Assert.That(mailboxes[council.Email], Has.Count.EqualTo(1), $"{council.Email}\n{worker.Stdout}");
            Assert.That(mailboxes[council.Email][0].Subject, Does.StartWith("[STP-R1] Created while the worker runs"));
        }

        Assert.That(worker.HasExited, Is.False, "the worker kept running: no restart was needed");
    }

    [Test]
    public async Task After_a_SIGKILL_mid_dispatch_and_a_restart_each_of_300_councils_holds_one_invitation()
    {
        const int Councils = 300;
        var run = RoundTestData.NewRun();
        var mailbox = $"crash-{run}@lga.test";
        using var data = new TempDataDir();
        long roundId;
        using (var host = await data.StartHostAsync())
        {
            // Plus-addressed leads: 300 distinct recipients whose mail all lands in one mailbox, told apart by To.
            await RoundTestData.AddCouncilsAsync(host.Services, run, Councils, (_, code) => $"crash-{run}+{code.ToLowerInvariant()}@lga.test");
            roundId = (await RoundTestData.CreateRoundAsync(host.Services, $"region:Test {run}", "now", InThreeWeeks())).Round.Id;
        }

        var environment = WorkerEnvironment();
        // Paced so the kill reliably lands mid-dispatch; each message still spends part of its slot in the SMTP exchange.
        environment["STPCOLLECTOR__Outbox__RatePerSecond"] = "200";
        var watch = Stopwatch.StartNew();
        IReadOnlyList<long> inFlight;
        long sentAtKill;
        using (var first = AppProcess.Start(["run", "--data-dir", data.Path], environment))
        {
            sentAtKill = await PollAsync(data.Path, "SELECT count(*) FROM outbox WHERE status = 'sent'", n => n >= Councils / 3, TimeSpan.FromSeconds(60), first);
            first.Signal(9);
            Assert.That(await first.WaitForExitAsync(TimeSpan.FromSeconds(10)), Is.True, "SIGKILL ends the worker");
            sentAtKill = await ScalarAsync(data.Path, "SELECT count(*) FROM outbox WHERE status = 'sent'");
            inFlight = await ListAsync(data.Path, "SELECT id FROM outbox WHERE status = 'sending'");
        }

        Assert.That(sentAtKill, Is.LessThan(Councils), "the kill came before the dispatch finished");
        using (var second = AppProcess.Start(["run", "--data-dir", data.Path], environment))
        {
            await PollAsync(data.Path, "SELECT count(*) FROM outbox WHERE status = 'sent'", n => n == Councils, TimeSpan.FromSeconds(60), second);
            second.Signal(15);
            await second.WaitForExitAsync(TimeSpan.FromSeconds(10));
            if (inFlight.Count > 0)
                Assert.That(second.Stdout, Does.Contain("cut off mid-send"), "the restarted worker says which message it sends again");
            TestContext.Out.WriteLine(string.Join('\n', second.Stdout.Split('\n').Where(l => l.Contains("Outbox:") || l.Contains("cut off"))));
        }

        var expected = await ScalarAsync(data.Path, "SELECT count(*) FROM round_councils WHERE round_id = " + roundId + " AND invitation_outbox_id IS NOT NULL");
        Assert.That(expected, Is.EqualTo(Councils));
        var messages = await MailSandbox.Shared.WaitForAsync(mailbox, Councils, TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(1)); // a window in which a duplicate still in Postfix's queue would arrive
        messages = await MailSandbox.Shared.FetchAsync(mailbox);
        var byRecipient = messages.GroupBy(m => m.To.Mailboxes.Single().Address.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.ToList());
        var outbox = await RowsAsync(data.Path, "SELECT id, recipient, message_id FROM outbox WHERE kind = 'invitation'");

        var duplicated = new List<long>();
        foreach (var (id, recipient, messageId) in outbox)
        {
            Assert.That(byRecipient.TryGetValue(recipient.ToLowerInvariant(), out var received), Is.True, $"{recipient} received nothing");
            Assert.That(received!.Select(m => m.MessageId).Distinct(), Is.EqualTo(new[] { messageId }), $"{recipient}: one invitation, ours");
            if (received!.Count > 1)
                duplicated.Add(id);
        }

        Assert.That(byRecipient.Keys, Has.Count.EqualTo(Councils));
        Assert.That(duplicated, Is.SubsetOf(inFlight), "a second copy can only be of the message that was mid-send at the kill");
        TestContext.Out.WriteLine($"Killed after {sentAtKill} of {Councils} sent; {inFlight.Count} in flight ({string.Join(", ", inFlight)}); " +
            $"{duplicated.Count} delivered twice; {messages.Count} messages in all; {watch.Elapsed.TotalSeconds:0.0} s.");
    }

    [Test]
    public async Task A_graceful_stop_mid_dispatch_leaves_nothing_half_sent_and_the_restart_sends_the_rest_once()
    {
        const int Councils = 40;
        var run = RoundTestData.NewRun();
        var mailbox = $"pause-{run}@lga.test";
        using var data = new TempDataDir();
        using (var host = await data.StartHostAsync())
        {
            await RoundTestData.AddCouncilsAsync(host.Services, run, Councils, (_, code) => $"pause-{run}+{code.ToLowerInvariant()}@lga.test");
            await RoundTestData.CreateRoundAsync(host.Services, $"region:Test {run}", "now", InThreeWeeks());
        }

        var environment = WorkerEnvironment();
        environment["STPCOLLECTOR__Outbox__RatePerSecond"] = "20";
        long sentAtStop;
        using (var first = AppProcess.Start(["run", "--data-dir", data.Path], environment))
        {
            await PollAsync(data.Path, "SELECT count(*) FROM outbox WHERE status = 'sent'", n => n >= 10, TimeSpan.FromSeconds(60), first);
            first.Signal(15);
            Assert.That(await first.WaitForExitAsync(TimeSpan.FromSeconds(10)), Is.True, "SIGTERM stops the worker");
            Assert.That(first.ExitCode, Is.Zero, first.Stderr);
        }

        sentAtStop = await ScalarAsync(data.Path, "SELECT count(*) FROM outbox WHERE status = 'sent'");
        Assert.That(await ScalarAsync(data.Path, "SELECT count(*) FROM outbox WHERE status = 'sending'"), Is.Zero, "nothing left mid-send");
        Assert.That(sentAtStop, Is.LessThan(Councils), "the stop came mid-dispatch");

        using (var second = AppProcess.Start(["run", "--data-dir", data.Path], environment))
        {
            await PollAsync(data.Path, "SELECT count(*) FROM outbox WHERE status = 'sent'", n => n == Councils, TimeSpan.FromSeconds(60), second);
            second.Signal(15);
            await second.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        Assert.That(await ScalarAsync(data.Path, "SELECT count(*) FROM outbox WHERE interrupted_at IS NOT NULL"), Is.Zero);
        await MailSandbox.Shared.WaitForAsync(mailbox, Councils, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(1)); // a window in which a duplicate would arrive
        var messages = await MailSandbox.Shared.FetchAsync(mailbox);
        Assert.That(messages.GroupBy(m => m.To.Mailboxes.Single().Address).Select(g => g.Count()), Is.All.EqualTo(1));
        Assert.That(messages, Has.Count.EqualTo(Councils));
        TestContext.Out.WriteLine($"Stopped after {sentAtStop} of {Councils} sent.");
    }

    private static Dictionary<string, string> WorkerEnvironment()
    {
        var environment = MailSandbox.Shared.Environment();
        environment["STPCOLLECTOR__Sweeps__IntervalSeconds__RoundLifecycle"] = "1";
        environment["STPCOLLECTOR__Sweeps__IntervalSeconds__OutboxDispatch"] = "1";
        return environment;
    }

    private static string InThreeWeeks() =>
        LondonTime.ToLondon(TimeProvider.System.GetUtcNow().AddDays(21)).Date.AddHours(17).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static async Task<long> PollAsync(string dataDir, string sql, Func<long, bool> done, TimeSpan timeout, AppProcess process)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var value = await ScalarAsync(dataDir, sql);
            if (done(value))
                return value;
            if (process.HasExited || watch.Elapsed > timeout)
                Assert.Fail($"'{sql}' stood at {value} after {watch.Elapsed.TotalSeconds:0.0} s\n{process.Stdout}\n{process.Stderr}");
            await Task.Delay(10);
        }
    }

    private static async Task<long> ScalarAsync(string dataDir, string sql)
    {
        await using var connection = Open(dataDir);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task<IReadOnlyList<long>> ListAsync(string dataDir, string sql) =>
        (await RowsAsync(dataDir, sql)).Select(r => r.Id).ToList();

    private static async Task<IReadOnlyList<(long Id, string Recipient, string MessageId)>> RowsAsync(string dataDir, string sql)
    {
        await using var connection = Open(dataDir);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(long, string, string)>();
        while (await reader.ReadAsync())
            rows.Add((reader.GetInt64(0), reader.FieldCount > 1 ? reader.GetString(1) : "", reader.FieldCount > 2 ? reader.GetString(2) : ""));
        return rows;
    }

    /// <summary>A plain connection of the test's own to the data dir's store, so the app's pool and settings play no part.</summary>
    private static DbConnection Open(string dataDir) => TestDatabase.Open(dataDir);
}
