using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using StpCollector.Cli;
using StpCollector.Hosting;
using StpCollector.Outbox;
using StpCollector.Rounds;
using StpCollector.Shared;
using StpCollector.Storage;
using StpCollector.Tests.Rounds;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Outbox;

public sealed class OutboxDispatchTests
{
    private sealed record Row(long Id, string Recipient, string Status, long Attempts, string NextAttemptAt, string? LastError, string? InterruptedAt);

    [Test]
    public async Task When_SMTP_is_down_at_opening_nothing_is_lost_and_each_invitation_arrives_once_when_it_is_back()
    {
        var run = RoundTestData.NewRun();
        using var data = new TempDataDir();
        var down = MailSandbox.Shared.Settings();
        down["Mail:Smtp:Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        IReadOnlyList<TestCouncil> councils;
        using (var host = await data.StartHostAsync(down))
        {
            councils = await RoundTestData.AddCouncilsAsync(host.Services, run, 3);
            await RoundTestData.CreateRoundAsync(host.Services, $"region:Test {run}", "now", "2030-01-10 17:00");
            await RoundSweeps.TickAsync(host.Services);
            await RoundSweeps.TickAsync(host.Services);

            var rows = await RowsAsync(host.Services);
            Assert.That(rows.Select(r => (r.Status, r.Attempts)), Is.All.EqualTo(("pending", 0L)), "nothing was attempted, so nothing was used up");
            Assert.That(await host.Services.GetRequiredService<OutboxBrowser>().ConnectionProblemAsync(CancellationToken.None), Does.Contain("cannot reach SMTP"));
        }

        using (var host = await data.StartHostAsync(MailSandbox.Shared.Settings()))
        {
            await RoundSweeps.TickAsync(host.Services);
            Assert.That((await RowsAsync(host.Services)).Select(r => r.Status), Is.All.EqualTo("sent"));
            Assert.That(await host.Services.GetRequiredService<OutboxBrowser>().ConnectionProblemAsync(CancellationToken.None), Is.Null);
        }

        var mailboxes = await RoundSweeps.SettledMailboxesAsync(councils.ToDictionary(c => c.Email, _ => 1));
        Assert.That(councils.Select(c => mailboxes[c.Email].Count), Is.All.EqualTo(1));
    }

    [Test]
    public async Task A_permanent_refusal_fails_only_that_invitation_and_the_others_are_delivered()
    {
        var run = RoundTestData.NewRun();
        using var data = new TempDataDir();
        using var host = await data.StartHostAsync(MailSandbox.Shared.Settings());
        var councils = await RoundTestData.AddCouncilsAsync(host.Services, run, 3,
            (n, code) => n == 2 ? $"lead-{run}@example.org" : $"lead@{code.ToLowerInvariant()}.gov.test");
        var round = (await RoundTestData.CreateRoundAsync(host.Services, $"region:Test {run}", "now", "2030-01-10 17:00")).Round;

        await RoundSweeps.TickAsync(host.Services);

        var rows = (await RowsAsync(host.Services)).ToDictionary(r => r.Recipient);
        var refused = rows[councils[1].Email];
        Assert.That(refused.Status, Is.EqualTo("failed"));
        Assert.That(refused.LastError, Does.StartWith("554").And.Contain("Relay access denied"));
        Assert.That(refused.Attempts, Is.EqualTo(1), "a permanent refusal is not retried");
        Assert.That(new[] { rows[councils[0].Email].Status, rows[councils[2].Email].Status }, Is.All.EqualTo("sent"));
        var mailboxes = await RoundSweeps.SettledMailboxesAsync(new Dictionary<string, int> { [councils[0].Email] = 1, [councils[2].Email] = 1 });
        Assert.That(mailboxes.Values.Select(m => m.Count), Is.All.EqualTo(1));
        var (summary, shown) = await host.Services.GetRequiredService<RoundQueries>().ShowAsync(round.Id, CancellationToken.None);
        Assert.That((summary.Invited, summary.Sent, summary.Failed), Is.EqualTo((3L, 2L, 1L)));
        Assert.That(shown.Single(c => c.CouncilCode == councils[1].Code).Delivery, Is.EqualTo("failed"));

        var (exit, stdout, stderr) = await AppProcess.RunAsync(["outbox", "list", "--status", "failed", "--json", "--data-dir", data.Path]);
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(JsonDocument.Parse(stdout).RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetInt64()), Is.EqualTo(new[] { refused.Id }));
        (exit, stdout, stderr) = await AppProcess.RunAsync(["outbox", "retry", refused.Id.ToString(CultureInfo.InvariantCulture), "--data-dir", data.Path]);
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain($"Outbox message {refused.Id} to {councils[1].Email} is queued again"));
        var retried = (await RowsAsync(host.Services)).Single(r => r.Id == refused.Id);
        Assert.That((retried.Status, retried.Attempts), Is.EqualTo(("pending", 0L)));

        (exit, stdout, stderr) = await AppProcess.RunAsync(["outbox", "cancel", refused.Id.ToString(CultureInfo.InvariantCulture), "--data-dir", data.Path]);
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain($"Outbox message {refused.Id} to {councils[1].Email} is cancelled and will not be sent"));
        await RoundSweeps.TickAsync(host.Services);
        Assert.That((await RowsAsync(host.Services)).Single(r => r.Id == refused.Id).Status, Is.EqualTo("cancelled"), "the dispatcher leaves a cancelled message alone");
        (exit, _, stderr) = await AppProcess.RunAsync(["outbox", "cancel", rows[councils[0].Email].Id.ToString(CultureInfo.InvariantCulture), "--data-dir", data.Path]);
        Assert.That(exit, Is.EqualTo(ExitCodes.Failure));
        Assert.That(stderr, Does.Contain("was already sent").And.Contain("cannot be called back"));
    }

    [Test]
    public async Task A_transient_refusal_is_retried_with_exponential_backoff_and_fails_after_the_last_attempt()
    {
        using var server = new ScriptedSmtpServer(recipient => recipient.StartsWith("busy", StringComparison.Ordinal) ? "451 4.3.0 Mailbox busy, try later" : null);
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        using var data = new TempDataDir();
        var settings = ScriptedSettings(server);
        settings["Outbox:BaseRetrySeconds"] = "60";
        settings["Outbox:MaxAttempts"] = "3";
        using var host = await data.StartHostAsync(settings, services: clock.Install);
        await EnqueueAsync(host.Services, "first@council.test", "busy@council.test", "third@council.test");

        await DispatchAsync(host.Services);
        var busy = await RowAsync(host.Services, "busy@council.test");
        Assert.That((busy.Status, busy.Attempts, busy.NextAttemptAt), Is.EqualTo(("pending", 1L, "2026-11-23T09:01:00.000Z")));
        Assert.That(busy.LastError, Does.StartWith("451 4.3.0 Mailbox busy"));
        Assert.That(server.AcceptedRecipients, Is.EquivalentTo(new[] { "first@council.test", "third@council.test" }));
        Assert.That(server.Connections, Is.EqualTo(2), "after a transient failure the next message goes over a fresh connection");

        await DispatchAsync(host.Services);
        Assert.That((await RowAsync(host.Services, "busy@council.test")).Attempts, Is.EqualTo(1), "not due again before its time");

        clock.Set(clock.GetUtcNow().AddSeconds(60));
        await DispatchAsync(host.Services);
        busy = await RowAsync(host.Services, "busy@council.test");
        Assert.That((busy.Status, busy.Attempts, busy.NextAttemptAt), Is.EqualTo(("pending", 2L, "2026-11-23T09:03:00.000Z")), "the wait doubles");

        clock.Set(clock.GetUtcNow().AddSeconds(120));
        await DispatchAsync(host.Services);
        busy = await RowAsync(host.Services, "busy@council.test");
        Assert.That((busy.Status, busy.Attempts), Is.EqualTo(("failed", 3L)));
        Assert.That(busy.LastError, Does.StartWith("Gave up after 3 attempts. Last error: 451"));
    }

    [Test]
    public async Task A_connection_dropped_mid_batch_leaves_the_rest_pending_and_untouched()
    {
        using var server = new ScriptedSmtpServer(dropAfterMessages: 2);
        using var data = new TempDataDir();
        using var host = await data.StartHostAsync(ScriptedSettings(server));
        var ids = await EnqueueAsync(host.Services, "m1@council.test", "m2@council.test", "m3@council.test", "m4@council.test", "m5@council.test");

        await DispatchAsync(host.Services);

        var rows = (await RowsAsync(host.Services)).ToDictionary(r => r.Id);
        Assert.That(ids.Take(2).Select(id => rows[id].Status), Is.All.EqualTo("sent"));
        Assert.That((rows[ids[2]].Status, rows[ids[2]].Attempts), Is.EqualTo(("pending", 1L)), "the message on the wire when it dropped is retried later");
        Assert.That(rows[ids[2]].LastError, Is.Not.Null);
        Assert.That(ids.Skip(3).Select(id => (rows[id].Status, rows[id].Attempts)), Is.All.EqualTo(("pending", 0L)), "the rest were never tried");
    }

    [Test]
    public async Task Several_connections_share_the_queue_and_send_each_message_once()
    {
        using var server = new ScriptedSmtpServer();
        using var data = new TempDataDir();
        var settings = ScriptedSettings(server);
        settings["Outbox:Connections"] = "3";
        settings["Outbox:BatchSize"] = "7";
        using var host = await data.StartHostAsync(settings);
        var recipients = Enumerable.Range(1, 30).Select(n => $"r{n}@council.test").ToArray();
        await EnqueueAsync(host.Services, recipients);

        await DispatchAsync(host.Services);

        Assert.That(server.AcceptedRecipients, Is.EquivalentTo(recipients));
        Assert.That(server.Connections, Is.EqualTo(3), "three connections, each reused across the batches");
        Assert.That((await RowsAsync(host.Services)).Select(r => r.Status), Is.All.EqualTo("sent"));
    }

    [Test]
    public async Task Sending_is_paced_to_the_configured_rate()
    {
        using var data = new TempDataDir();
        using var host = await data.StartHostAsync(new Dictionary<string, string?> { ["Outbox:RatePerSecond"] = "20" });
        await EnqueueAsync(host.Services, Enumerable.Range(1, 11).Select(n => $"paced{n}@council.test").ToArray());

        var watch = Stopwatch.StartNew();
        await DispatchAsync(host.Services);
        watch.Stop();

        // 11 messages at 20 a second: ten gaps of 50 ms between the first and the last.
        Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(480)));
        Assert.That((await RowsAsync(host.Services)).Select(r => r.Status), Is.All.EqualTo("sent"));
        Assert.That(Directory.GetFiles(Path.Combine(data.Path, "mail", "outbox"), "*.eml"), Has.Length.EqualTo(11));
    }

    [Test]
    public async Task A_message_cut_off_mid_send_is_sent_again_with_its_own_Message_ID_and_marked_interrupted()
    {
        using var data = new TempDataDir();
        using var host = await data.StartHostAsync();
        var id = (await EnqueueAsync(host.Services, "cut@council.test")).Single();
        // What a SIGKILL between 'sending' and 'sent' leaves behind.
        await ExecuteAsync(host.Services, "UPDATE outbox SET status = 'sending', attempts = 1 WHERE id = @id", new { id });

        await DispatchAsync(host.Services);

        var row = (await RowsAsync(host.Services)).Single();
        Assert.That((row.Status, row.Attempts), Is.EqualTo(("sent", 2L)));
        Assert.That(row.InterruptedAt, Is.Not.Null);
        var messageId = await RoundTestData.ScalarAsync<string>(host.Services, "SELECT message_id FROM outbox WHERE id = @id", new { id });
        var sent = MimeMessage.Load(Directory.GetFiles(Path.Combine(data.Path, "mail", "outbox"), "*.eml").Single());
        Assert.That(sent.MessageId, Is.EqualTo(messageId));
    }

    [Test]
    public async Task While_another_process_holds_the_dispatch_lock_nothing_is_sent_or_recovered()
    {
        using var data = new TempDataDir();
        using var host = await data.StartHostAsync();
        var ids = await EnqueueAsync(host.Services, "one@council.test", "two@council.test");
        await ExecuteAsync(host.Services, "UPDATE outbox SET status = 'sending' WHERE id = @id", new { id = ids[1] });

        // The lock every dispatcher shares (a file in the data dir on SQLite, an advisory lock on PostgreSQL), taken on a
        // connection of its own as another process would.
        await using (await SharedLock.TryTakeAsync(host.Services.GetRequiredService<Database>(), host.Services.GetRequiredService<AppPaths>(), "outbox", CancellationToken.None))
        {
            await DispatchAsync(host.Services);
            Assert.That((await RowsAsync(host.Services)).Select(r => r.Status), Is.EqualTo(new[] { "pending", "sending" }),
                "a 'sending' row may belong to the live dispatcher, so it is left alone");
        }

        await DispatchAsync(host.Services);
        Assert.That((await RowsAsync(host.Services)).Select(r => r.Status), Is.All.EqualTo("sent"));
    }

    private static Dictionary<string, string?> ScriptedSettings(ScriptedSmtpServer server) => new()
    {
        ["Mail:Outbound"] = "Smtp",
        ["Mail:Smtp:Host"] = "127.0.0.1",
        ["Mail:Smtp:Port"] = server.Port.ToString(CultureInfo.InvariantCulture),
        ["Mail:Smtp:Security"] = "None",
        ["Mail:Smtp:TimeoutSeconds"] = "5",
    };

    private static Task DispatchAsync(IServiceProvider services) =>
        services.GetRequiredService<OutboxDispatchSweep>().RunAsync(CancellationToken.None);

    private static async Task<IReadOnlyList<long>> EnqueueAsync(IServiceProvider services, params string[] recipients)
    {
        var writer = services.GetRequiredService<OutboxWriter>();
        await using var connection = await services.GetRequiredService<Database>().OpenAsync();
        await using var transaction = connection.BeginTransaction();
        var ids = new List<long>();
        foreach (var recipient in recipients)
        {
            var message = new MimeMessage { Subject = "Outbox test", Body = new TextPart("plain") { Text = "A test message." } };
            message.To.Add(MailboxAddress.Parse(recipient));
            ids.Add(await writer.EnqueueAsync(connection, transaction, new OutgoingMessage("test", null, null, message)));
        }

        await transaction.CommitAsync();
        return ids;
    }

    private static async Task ExecuteAsync(IServiceProvider services, string sql, object parameters)
    {
        await using var connection = await services.GetRequiredService<Database>().OpenAsync();
        await connection.ExecuteAsync(sql, parameters);
    }

    private static Task<IReadOnlyList<Row>> RowsAsync(IServiceProvider services) => RoundTestData.QueryAsync<Row>(services, """
        SELECT id AS Id, recipient AS Recipient, status AS Status, attempts AS Attempts, next_attempt_at AS NextAttemptAt,
               last_error AS LastError, interrupted_at AS InterruptedAt
        FROM outbox ORDER BY id
        """);

    private static async Task<Row> RowAsync(IServiceProvider services, string recipient) =>
        (await RowsAsync(services)).Single(r => r.Recipient == recipient);
}
