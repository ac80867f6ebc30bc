using System.Data.Common;
using Dapper;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Ingestion;

/// <summary>
/// Replies delivered through the real Postfix into Dovecot, read by the real worker's MailboxPoll sweep. Each test
/// has its own returns mailbox (Mail:ReplyLocalPart = returns-xxxxxxxx), so token addresses are private to it.
/// </summary>
public sealed class MailboxEndToEndTests
{
    private const string Round = "STP-R3";

    private static (string LocalPart, string User, Dictionary<string, string?> Settings) Mailbox()
    {
        var local = $"returns-{Guid.NewGuid():N}"[..16];
        var user = $"{local}@lga.test";
        var settings = MailSandbox.Shared.Settings(user);
        settings["Mail:ReplyLocalPart"] = local;
        return (local, user, settings);
    }

    private static Dictionary<string, string> Environment(string user, string local, params (string Key, string Value)[] extra)
    {
        var env = MailSandbox.Shared.Environment(user);
        env["STPCOLLECTOR__Mail__ReplyLocalPart"] = local;
        foreach (var (key, value) in extra)
            env["STPCOLLECTOR__" + key.Replace(":", "__")] = value;
        return env;
    }

    private static MimeMessage Load(byte[] bytes) => MimeMessage.Load(new MemoryStream(bytes));

    [Test]
    public async Task Replies_sent_through_postfix_end_in_processed_or_held_after_the_worker_sweeps()
    {
        var (local, user, settings) = Mailbox();
        using var world = await IngestionWorld.StartAsync(settings);
        var roundId = await world.CreateRoundAsync(Round, ["E09000007", "E09000012"]);
        var values = new Dictionary<string, string> { ["ROUND"] = Round, ["TOKEN_ADDRESS"] = world.TokenAddress(roundId, "E09000007") };
        var reply = Load(IngestionWorld.Fill("outlook-top-posted.eml", values));
        var outOfOffice = Load(IngestionWorld.Fill("out-of-office.eml", values));
        var stranger = Load(IngestionWorld.Fill("unknown-sender.eml", values));
        stranger.To.Clear();
        stranger.To.Add(MailboxAddress.Parse(user));
        world.Host.Dispose();

        foreach (var message in new[] { reply, outOfOffice, stranger })
            await MailSandbox.Shared.SendAsync(message);
        Assert.That(await MailboxCounts.WaitForCountAsync(user, "INBOX", 3, TimeSpan.FromSeconds(30)), Is.EqualTo(3));

        var (exit, stdout, stderr) = await AppProcess.RunAsync(["run", "--once", "--data-dir", world.Data.Path], Environment(user, local));

        Assert.That(exit, Is.EqualTo(0), stdout + stderr);
        Assert.That(await MailboxCounts.CountAsync(user, "INBOX"), Is.Zero);
        var processed = await MailSandbox.Shared.FetchAsync(user, "Processed");
        var held = await MailSandbox.Shared.FetchAsync(user, "Held");
        Assert.That(processed.Select(m => m.MessageId), Is.EquivalentTo(new[] { reply.MessageId, outOfOffice.MessageId }));
        Assert.That(held.Select(m => m.MessageId), Is.EquivalentTo(new[] { stranger.MessageId }));
        Assert.That(held.Single().Headers["Delivered-To"], Is.EqualTo(user));

        await using var connection = TestDatabase.Open(world.Data.Path);
        var outcomes = (await connection.QueryAsync<(string MessageId, string Outcome, string? Method)>("SELECT message_id, outcome, match_method FROM inbound_messages")).ToList();
        Assert.That(outcomes, Is.EquivalentTo(new[]
        {
            (reply.MessageId, "stored", (string?)"token"), (outOfOffice.MessageId, "auto_reply", (string?)null), (stranger.MessageId, "held", (string?)null),
        }));
        Assert.That(await connection.ExecuteScalarAsync<string>("SELECT a.value FROM answers a JOIN returns r ON r.id = a.return_id WHERE r.council_code = 'E09000007' AND a.question_id = 'Q5'"),
            Is.EqualTo("closely_involved"));
        Assert.That(await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM outbox WHERE kind = 'receipt' AND recipient = 'Stp.Lead@camden.gov.test'"), Is.EqualTo(1));
    }

    [Test]
    public async Task The_IMAP_arrival_time_not_the_Date_header_is_when_a_reply_was_received()
    {
        // Dovecot ignores an APPEND date in the future, so the times are a little in the real past.
        var now = DateTimeOffset.UtcNow;
        var arrived = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddDays(-2);
        var (closes, dated) = (arrived.AddHours(-1), arrived.AddHours(-3));
        static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var (local, user, settings) = Mailbox();
        using var world = await IngestionWorld.StartAsync(settings);
        var roundId = await world.CreateRoundAsync(Round, ["E09000007"], closesAt: Iso(closes));
        var reply = Load(IngestionWorld.Fill("outlook-top-posted.eml", new Dictionary<string, string> { ["ROUND"] = Round, ["TOKEN_ADDRESS"] = world.TokenAddress(roundId, "E09000007") }));
        reply.Date = dated; // before the close, by the sender's clock
        world.Host.Dispose();
        using (var client = await MailSandbox.Shared.ConnectImapAsync(user))
        {
            // The mailbox took it in after the close: that is when it was received.
            await client.Inbox.AppendAsync(new AppendRequest(reply) { InternalDate = arrived });
            await client.DisconnectAsync(true);
        }

        var (exit, stdout, stderr) = await AppProcess.RunAsync(["run", "--once", "--data-dir", world.Data.Path], Environment(user, local));

        Assert.That(exit, Is.EqualTo(0), stdout + stderr);
        await using var connection = TestDatabase.Open(world.Data.Path);
        var stored = await connection.QuerySingleAsync<(string ReceivedAt, string DatedAt, bool Late)>("SELECT received_at, dated_at, late FROM returns");
        Assert.That(stored, Is.EqualTo((Iso(arrived), Iso(dated), true)));
        Assert.That(await connection.ExecuteScalarAsync<string>("SELECT received_at FROM inbound_messages"), Is.EqualTo(Iso(arrived)));
    }

    [Test]
    public async Task A_worker_killed_while_ingesting_500_replies_stores_each_exactly_once_after_restart()
    {
        var (local, user, settings) = Mailbox();
        using var world = await IngestionWorld.StartAsync(settings);
        var leads = await world.QueryAsync<(string Council, string Email)>("SELECT council_code, email FROM contacts WHERE role = 'lead' ORDER BY council_code");
        var roundId = await world.CreateRoundAsync(Round, [.. leads.Select(l => l.Council)]);
        var replies = Enumerable.Range(0, 500).Select(i =>
        {
            var (council, email) = leads[i % leads.Count];
            var message = new MimeMessage { Subject = $"Re: {Round} Local government involvement in your STP", MessageId = $"crash-{i}-{Guid.NewGuid():N}@council.test" };
            message.From.Add(MailboxAddress.Parse(email));
            message.To.Add(MailboxAddress.Parse(world.TokenAddress(roundId, council)));
            message.Date = new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero).AddSeconds(i);
            message.Body = new TextPart("plain") { Text = $"Q1: Yes\nQ2: Partly\nQ3: No\nQ4: Yes\nQ5: Consulted\nQ6: DPH\nQ7: Yes\nQ8: No\nQ13: {i % 100}\n" };
            return message;
        }).ToList();
        world.Host.Dispose();

        using (var smtp = new SmtpClient())
        {
            await smtp.ConnectAsync("127.0.0.1", MailSandbox.Shared.SmtpPort, SecureSocketOptions.None);
            foreach (var reply in replies)
                await smtp.SendAsync(reply);
            await smtp.DisconnectAsync(true);
        }

        Assert.That(await MailboxCounts.WaitForCountAsync(user, "INBOX", 500, TimeSpan.FromSeconds(40)), Is.EqualTo(500));
        var env = Environment(user, local, ("Sweeps:IntervalSeconds:MailboxPoll", "1"), ("Ingestion:FetchBatchSize", "100"));

        long storedAtKill;
        using (var worker = AppProcess.Start(["run", "--data-dir", world.Data.Path], env))
        {
            // Batches of 100 are moved after their last message commits: at 30 stored, that many are committed but not yet moved.
            storedAtKill = await WaitForStoredAsync(world.Data.Path, atLeast: 30, TimeSpan.FromSeconds(30));
            worker.Signal(9);
            Assert.That(await worker.WaitForExitAsync(TimeSpan.FromSeconds(10)), Is.True);
        }

        Assert.That(storedAtKill, Is.LessThan(500), "the kill must land while ingesting");
        using (var restarted = AppProcess.Start(["run", "--data-dir", world.Data.Path], env))
        {
            // About 10 s on an idle machine; a busy one (other builds running) has taken over 40 s.
            Assert.That(await MailboxCounts.WaitForCountAsync(user, "Processed", 500, TimeSpan.FromSeconds(120)), Is.EqualTo(500), restarted.Stdout + restarted.Stderr);
            restarted.Signal(15);
            await restarted.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        Assert.That(await MailboxCounts.CountAsync(user, "INBOX"), Is.Zero);
        Assert.That(await MailboxCounts.CountAsync(user, "Held"), Is.Zero);
        Assert.That(await MailboxCounts.CountAsync(user, "Failed"), Is.Zero);
        await using var connection = TestDatabase.Open(world.Data.Path);
        Assert.That(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM inbound_messages"), Is.EqualTo(500));
        Assert.That(await connection.ExecuteScalarAsync<long>("SELECT count(DISTINCT message_id) FROM inbound_messages WHERE outcome = 'stored'"), Is.EqualTo(500));
        Assert.That(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM returns"), Is.EqualTo(500));
        Assert.That(await connection.ExecuteScalarAsync<long>("SELECT count(DISTINCT inbound_id) FROM returns"), Is.EqualTo(500));
        Assert.That(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox WHERE kind = 'receipt'"), Is.EqualTo(500));
        Assert.That(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM returns WHERE is_current = 1"), Is.EqualTo(leads.Count));
        var recognised = await connection.ExecuteScalarAsync<long>("SELECT sum(seen_again) FROM inbound_messages");
        TestContext.Out.WriteLine($"killed with {storedAtKill} stored; {recognised} read again after the restart and recognised as already stored");
        Assert.That(recognised, Is.GreaterThanOrEqualTo(storedAtKill), "messages committed but not moved before the kill were read again and changed nothing");
    }

    private static async Task<long> WaitForStoredAsync(string dataDir, int atLeast, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                await using var connection = TestDatabase.Open(dataDir);
                var stored = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM inbound_messages");
                if (stored >= atLeast)
                    return stored;
            }
            catch (DbException)
            {
                // The worker is still migrating or holds the store for a moment; the next poll reads it.
            }

            if (DateTime.UtcNow > deadline)
                Assert.Fail($"the worker stored fewer than {atLeast} replies within {timeout.TotalSeconds} s");
            await Task.Delay(10);
        }
    }
}
