using System.Diagnostics;
using System.Globalization;
using Dapper;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Npgsql;
using StpCollector.Calendar;
using StpCollector.Mail;
using StpCollector.Tests.Rounds;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Foundation;

/// <summary>
/// Two real `stpcollector run` processes, each with its own data dir, on one PostgreSQL database and the real mail
/// sandbox: the cluster as an LGA would run it. A round goes out once per lead; a worker killed mid-dispatch leaves the
/// rest to the other, which sends again only what was on the wire at the kill, with the same Message-ID; and 500 replies
/// read by the two of them are each stored once.
/// </summary>
// Chooses its stores itself (PostgreSQL, or both side by side): it runs once, in install/test's first pass.
[Category("ChoosesItsStore")]
[NonParallelizable]
public sealed class TwoWorkerTests
{
    /// <summary>Every node signs and checks reply addresses with one key, as a cluster must (each data dir would otherwise make its own).</summary>
    private const string ReplyTokenKey = "two-worker-test-key-0123456789abcdef";

    /// <summary>SMTP connections per dispatcher: at most one message each is on the wire when a worker dies.</summary>
    private const int SmtpConnections = 2;

    [Test]
    public async Task Two_workers_send_a_round_to_152_councils_once_per_lead()
    {
        const int Councils = 152;
        await using var cluster = await Cluster.StartAsync("once");
        await cluster.AddCouncilsAsync(Councils);
        var a = cluster.StartWorker();
        var nodeA = await cluster.WaitForNodesAsync(1, a);
        var b = cluster.StartWorker();
        await cluster.WaitForNodesAsync(2, b);

        await cluster.CreateRoundAsync();
        var sent = await cluster.PollAsync("SELECT count(*) FROM outbox WHERE status = 'sent'", n => n == Councils, TimeSpan.FromSeconds(90));

        var received = await cluster.SettledMailboxAsync(Councils);
        var outbox = await cluster.InvitationsAsync();
        Assert.That(outbox, Has.Count.EqualTo(Councils), "one invitation queued per lead");
        var byRecipient = ByRecipient(received);
        foreach (var (recipient, messageId) in outbox)
        {
            Assert.That(byRecipient.TryGetValue(recipient, out var copies), Is.True, $"{recipient} received nothing");
            Assert.That(copies!.Select(m => m.MessageId), Is.EqualTo(new[] { messageId }), $"{recipient}: exactly one invitation, ours");
        }

        Assert.That(received, Has.Count.EqualTo(Councils), "nothing else arrived");
        Assert.That(await cluster.ScalarAsync("SELECT count(*) FROM outbox WHERE interrupted_at IS NOT NULL OR attempts <> 1"), Is.Zero, "each sent on its first attempt");
        Assert.That(new[] { a.HasExited, b.HasExited }, Is.All.False, a.Stderr + b.Stderr);
        TestContext.Out.WriteLine($"{sent} sent; worker A (node {nodeA}) reported: {SentBy(a)}; worker B: {SentBy(b)}");
    }

    [Test]
    public async Task A_worker_killed_mid_dispatch_leaves_the_rest_to_the_other_which_repeats_only_what_was_on_the_wire()
    {
        const int Councils = 152;
        await using var cluster = await Cluster.StartAsync("kill", ("Outbox:RatePerSecond", "20"));
        await cluster.AddCouncilsAsync(Councils);
        var a = cluster.StartWorker();
        var nodeA = await cluster.WaitForNodesAsync(1, a);
        var b = cluster.StartWorker();
        var nodeB = await cluster.WaitForNodesAsync(2, b);

        await cluster.CreateRoundAsync();
        // Whichever node runs the dispatch is killed once it is well under way; the other must finish it.
        await cluster.PollAsync("SELECT count(*) FROM outbox WHERE status = 'sent'", n => n >= Councils / 4, TimeSpan.FromSeconds(60));
        var dispatching = await cluster.DispatchingNodeAsync();
        Assert.That(dispatching, Is.AnyOf(nodeA, nodeB), "the dispatch runs on one of the two nodes");
        var (victim, survivor) = dispatching == nodeA ? (a, b) : (b, a);
        victim.Signal(9);
        var watch = Stopwatch.StartNew();
        Assert.That(await victim.WaitForExitAsync(TimeSpan.FromSeconds(10)), Is.True, "SIGKILL ends the worker");
        var sentAtKill = await cluster.ScalarAsync("SELECT count(*) FROM outbox WHERE status = 'sent'");
        var sendingAtKill = await cluster.ScalarAsync("SELECT count(*) FROM outbox WHERE status = 'sending'");
        Assert.That(sentAtKill, Is.LessThan(Councils), "the kill came before the dispatch finished");

        await cluster.PollAsync("SELECT count(*) FROM outbox WHERE status = 'sent'", n => n > sentAtKill, TimeSpan.FromSeconds(60), survivor);
        var takeover = watch.Elapsed;
        await cluster.PollAsync("SELECT count(*) FROM outbox WHERE status = 'sent'", n => n == Councils, TimeSpan.FromSeconds(60), survivor);

        var received = await cluster.SettledMailboxAsync(Councils);
        var outbox = await cluster.InvitationsAsync();
        var interrupted = (await cluster.QueryAsync<string>("SELECT recipient FROM outbox WHERE interrupted_at IS NOT NULL")).Select(r => r.ToLowerInvariant()).ToList();
        var byRecipient = ByRecipient(received);
        var duplicated = new List<string>();
        foreach (var (recipient, messageId) in outbox)
        {
            Assert.That(byRecipient.TryGetValue(recipient, out var copies), Is.True, $"{recipient} received nothing: lost in the kill");
            Assert.That(copies!.Select(m => m.MessageId).Distinct(), Is.EqualTo(new[] { messageId }), $"{recipient}: only our invitation, any repeat with the same Message-ID");
            if (copies!.Count > 1)
                duplicated.Add(recipient);
        }

        Assert.Multiple(() =>
        {
            Assert.That(outbox, Has.Count.EqualTo(Councils));
            Assert.That(byRecipient.Keys, Has.Count.EqualTo(Councils), "every lead got the invitation");
            Assert.That(byRecipient.Values.Select(c => c.Count), Is.All.LessThanOrEqualTo(2), "a repeat at most once");
            Assert.That(interrupted, Has.Count.LessThanOrEqualTo(SmtpConnections), "at most one message per SMTP connection was cut off mid-send");
            Assert.That(duplicated, Is.SubsetOf(interrupted), "a second copy only of a message that was mid-send at the kill");
            Assert.That(survivor.HasExited, Is.False, "the survivor runs on\n" + survivor.Stderr);
        });
        if (interrupted.Count > 0)
            Assert.That(survivor.Stdout, Does.Contain("cut off mid-send"), "the survivor says which message it sends again");
        TestContext.Out.WriteLine($"Killed the dispatching worker after {sentAtKill} of {Councils} sent ({sendingAtKill} 'sending'); the survivor sent again " +
            $"{takeover.TotalSeconds:0.0} s later; {interrupted.Count} cut off mid-send, {duplicated.Count} delivered twice; {received.Count} messages in all; " +
            $"survivor reported: {SentBy(survivor)}");
    }

    [Test]
    public async Task Five_hundred_replies_read_by_two_workers_are_each_stored_once()
    {
        const int Replies = 500;
        const int Councils = 50;
        await using var cluster = await Cluster.StartAsync("replies", ("Ingestion:FetchBatchSize", "50"));
        var councils = await cluster.AddCouncilsAsync(Councils);
        var roundId = await cluster.InsertOpenRoundAsync("STP-R1", councils);
        var replies = Enumerable.Range(0, Replies).Select(i =>
        {
            var council = councils[i % councils.Count];
            var message = new MimeMessage { Subject = "Re: [STP-R1] STP involvement test round", MessageId = $"two-{i}-{Guid.NewGuid():N}@council.test" };
            message.From.Add(MailboxAddress.Parse(council.Email));
            message.To.Add(MailboxAddress.Parse(cluster.TokenAddress(roundId, council.Code)));
            message.Date = new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero).AddSeconds(i);
            message.Body = new TextPart("plain") { Text = $"Q1: Yes\nQ2: Partly\nQ3: No\nQ4: Yes\nQ5: Consulted\nQ6: DPH\nQ7: Yes\nQ8: No\nQ13: {i % 100}\n" };
            return message;
        }).ToList();

        // Both nodes poll every second while the replies arrive, so the mailbox is read in many passes, by either node.
        var a = cluster.StartWorker();
        await cluster.WaitForNodesAsync(1, a);
        var b = cluster.StartWorker();
        await cluster.WaitForNodesAsync(2, b);
        var watch = Stopwatch.StartNew();
        using (var smtp = new SmtpClient())
        {
            await smtp.ConnectAsync("127.0.0.1", MailSandbox.Shared.SmtpPort, SecureSocketOptions.None);
            foreach (var reply in replies)
                await smtp.SendAsync(reply);
            await smtp.DisconnectAsync(true);
        }

        var processed = await MailboxCounts.WaitForCountAsync(cluster.ReturnsUser, "Processed", Replies, TimeSpan.FromSeconds(120));
        Assert.That(processed, Is.EqualTo(Replies), $"{a.Stdout}\n{b.Stdout}");

        var left = (Inbox: await MailboxCounts.CountAsync(cluster.ReturnsUser, "INBOX"), Held: await MailboxCounts.CountAsync(cluster.ReturnsUser, "Held"),
            Failed: await MailboxCounts.CountAsync(cluster.ReturnsUser, "Failed"));
        var records = await cluster.ScalarAsync("SELECT count(*) FROM inbound_messages");
        var distinctStored = await cluster.ScalarAsync("SELECT count(DISTINCT message_id) FROM inbound_messages WHERE outcome = 'stored'");
        var returns = await cluster.ScalarAsync("SELECT count(*) FROM returns");
        var distinctReturns = await cluster.ScalarAsync("SELECT count(DISTINCT inbound_id) FROM returns");
        var current = await cluster.ScalarAsync("SELECT count(*) FROM returns WHERE is_current = 1");
        var receipts = await cluster.ScalarAsync("SELECT count(*) FROM outbox WHERE kind = 'receipt'");
        Assert.Multiple(() =>
        {
            Assert.That(left, Is.EqualTo((0, 0, 0)), "nothing left in INBOX, Held or Failed");
            Assert.That(records, Is.EqualTo(Replies), "one record per reply");
            Assert.That(distinctStored, Is.EqualTo(Replies), "each reply stored, none twice");
            Assert.That(returns, Is.EqualTo(Replies), "one return per reply");
            Assert.That(distinctReturns, Is.EqualTo(Replies));
            Assert.That(current, Is.EqualTo(Councils), "one current return per council");
            Assert.That(receipts, Is.EqualTo(Replies), "one receipt per reply");
            Assert.That(new[] { a.HasExited, b.HasExited }, Is.All.False, a.Stderr + b.Stderr);
        });
        TestContext.Out.WriteLine($"{Replies} replies sent and processed in {watch.Elapsed.TotalSeconds:0.0} s; " +
            $"passes that read mail: A {ReadsBy(a)}, B {ReadsBy(b)}; read again and recognised: {await cluster.ScalarAsync("SELECT coalesce(sum(seen_again), 0) FROM inbound_messages")}");
    }

    private static Dictionary<string, List<MimeMessage>> ByRecipient(IEnumerable<MimeMessage> messages) =>
        messages.GroupBy(m => m.To.Mailboxes.Single().Address.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.ToList());

    private static string SentBy(AppProcess worker) =>
        string.Join("; ", worker.Stdout.Split('\n').Where(l => l.Contains("Outbox:", StringComparison.Ordinal)).Select(l => l.Trim())) is { Length: > 0 } lines ? lines : "nothing";

    private static int ReadsBy(AppProcess worker) =>
        worker.Stdout.Split('\n').Count(l => l.Contains("message(s) waiting in", StringComparison.Ordinal));

    /// <summary>
    /// One test's cluster: a database of its own on the shared PostgreSQL, a mailbox of its own in the mail sandbox, a setup
    /// data dir for writing the test's data, and the workers started on it (each with its own data dir), all stopped by pid
    /// and removed on dispose, whatever the test's outcome.
    /// </summary>
    private sealed class Cluster : IAsyncDisposable
    {
        private readonly List<AppProcess> workers = [];
        private readonly List<TempDataDir> dirs = [];
        private readonly Dictionary<string, string> environment;
        private readonly TempDataDir setup = new();
        private IServiceProvider? services;
        private Microsoft.Extensions.Hosting.IHost? host;

        private Cluster(string name, (string Key, string Value)[] extra)
        {
            Run = RoundTestData.NewRun();
            Database = PostgresSandbox.Shared.CreateDatabase();
            ReplyLocalPart = $"ret{Run}";
            ReturnsUser = $"{ReplyLocalPart}@lga.test";
            LeadsMailbox = $"{name}-{Run}@lga.test";
            var settings = new Dictionary<string, string?>(MailSandbox.Shared.Settings(ReturnsUser))
            {
                ["Storage:Provider"] = "PostgreSql",
                ["Storage:ConnectionString"] = PostgresSandbox.Shared.Url(Database),
                ["Security:ReplyTokenKey"] = ReplyTokenKey,
                ["Mail:ReplyLocalPart"] = ReplyLocalPart,
                ["Outbox:Connections"] = SmtpConnections.ToString(CultureInfo.InvariantCulture),
                // Due every second: a node that ignored the other's running sweep would start its own at once.
                ["Sweeps:IntervalSeconds:RoundLifecycle"] = "1",
                ["Sweeps:IntervalSeconds:OutboxDispatch"] = "1",
                ["Sweeps:IntervalSeconds:MailboxPoll"] = "1",
            };
            foreach (var (key, value) in extra)
                settings[key] = value;
            Settings = settings;
            environment = settings.ToDictionary(kv => "STPCOLLECTOR__" + kv.Key.Replace(":", "__"), kv => kv.Value!);
        }

        public string Run { get; }
        public string Database { get; }
        public string ReplyLocalPart { get; }
        public string ReturnsUser { get; }

        /// <summary>Every lead's plus-address lands here, told apart by To.</summary>
        public string LeadsMailbox { get; }

        public Dictionary<string, string?> Settings { get; }

        private string ConnectionString => $"Host=127.0.0.1;Port={PostgresSandbox.Shared.Port};Username=postgres;Database={Database};Pooling=false";

        public static async Task<Cluster> StartAsync(string name, params (string Key, string Value)[] extra)
        {
            var cluster = new Cluster(name, extra);
            try
            {
                cluster.host = await cluster.setup.StartHostAsync(cluster.Settings);
                cluster.services = cluster.host.Services;
                return cluster;
            }
            catch
            {
                await cluster.DisposeAsync();
                throw;
            }
        }

        public Task<IReadOnlyList<TestCouncil>> AddCouncilsAsync(int count) =>
            RoundTestData.AddCouncilsAsync(services!, Run, count, (_, code) => LeadsMailbox.Replace("@", $"+{code.ToLowerInvariant()}@", StringComparison.Ordinal));

        /// <summary>The round over the test's councils, created by the CLI as staff would, opening now.</summary>
        public async Task CreateRoundAsync()
        {
            var closes = LondonTime.ToLondon(TimeProvider.System.GetUtcNow().AddDays(21)).Date.AddHours(17).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            var (exit, stdout, stderr) = await AppProcess.RunAsync(
            [
                "round", "create", "--questionnaire", RoundTestData.Questionnaire, "--title", "STP involvement test round",
                "--opens", "now", "--closes", closes, "--audience", $"region:Test {Run}", "--reminders", "none", "--data-dir", setup.Path,
            ], environment);
            Assert.That(exit, Is.Zero, stdout + stderr);
        }

        /// <summary>An open round written straight into the store: no invitations, so the only mail is the replies and their receipts.</summary>
        public async Task<long> InsertOpenRoundAsync(string reference, IReadOnlyList<TestCouncil> councils)
        {
            await using var connection = await OpenAsync();
            var id = await connection.ExecuteScalarAsync<long>("""
                INSERT INTO rounds (questionnaire_id, questionnaire_version, title, reference, audience, opens_at, closes_at, status, created_at)
                VALUES (@questionnaire, 1, 'STP involvement test round', @reference, 'councils', '2026-11-02T09:00:00.000Z', '2026-12-18T17:00:00.000Z', 'open', '2026-11-01T09:00:00.000Z')
                RETURNING id
                """, new { questionnaire = RoundTestData.Questionnaire, reference });
            await connection.ExecuteAsync("""
                INSERT INTO round_councils (round_id, council_code, contact_id)
                VALUES (@id, @Code, (SELECT id FROM contacts WHERE council_code = @Code AND role = 'lead' LIMIT 1))
                """, councils.Select(c => new { id, c.Code }));
            return id;
        }

        public string TokenAddress(long roundId, string council) =>
            services!.GetRequiredService<ReplyTokens>().AddressFor(new ReplyToken(ReplyToken.Round, roundId, council));

        public AppProcess StartWorker()
        {
            var dir = new TempDataDir();
            dirs.Add(dir);
            var worker = AppProcess.Start(["run", "--data-dir", dir.Path], environment);
            workers.Add(worker);
            return worker;
        }

        /// <summary>Waits (bounded) until <paramref name="count"/> nodes have checked in; returns the newest node's instance id.</summary>
        public async Task<string> WaitForNodesAsync(int count, AppProcess started)
        {
            var before = new HashSet<string>(await NodesAsync());
            var watch = Stopwatch.StartNew();
            while (true)
            {
                var nodes = await NodesAsync();
                if (nodes.Count == count)
                    return nodes.Except(before).FirstOrDefault() ?? nodes.Last();
                if (started.HasExited || watch.Elapsed > TimeSpan.FromSeconds(60))
                    Assert.Fail($"{nodes.Count} of {count} nodes checked in after {watch.Elapsed.TotalSeconds:0.0} s\n{started.Stdout}\n{started.Stderr}");
                await Task.Delay(100);
            }
        }

        /// <summary>The node running the outbox dispatch now, as Quartz records its firings; null between runs.</summary>
        public async Task<string?> DispatchingNodeAsync()
        {
            var watch = Stopwatch.StartNew();
            while (true)
            {
                await using var connection = await OpenAsync();
                var node = await connection.ExecuteScalarAsync<string?>(
                    "SELECT instance_name FROM qrtz_fired_triggers WHERE sched_name = 'StpCollector' AND job_name = 'OutboxDispatch' AND state = 'EXECUTING'");
                if (node is not null || watch.Elapsed > TimeSpan.FromSeconds(10))
                    return node;
                await Task.Delay(10);
            }
        }

        private async Task<List<string>> NodesAsync()
        {
            await using var connection = await OpenAsync();
            try
            {
                return (await connection.QueryAsync<string>("SELECT instance_name FROM qrtz_scheduler_state WHERE sched_name = 'StpCollector'")).ToList();
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
            {
                return []; // not migrated yet
            }
        }

        /// <summary>Polls (bounded) until the count satisfies <paramref name="done"/>; fails, with every worker's output, if a worker that should run exits.</summary>
        public async Task<long> PollAsync(string sql, Func<long, bool> done, TimeSpan timeout, AppProcess? mustRun = null)
        {
            var watch = Stopwatch.StartNew();
            while (true)
            {
                var value = await ScalarAsync(sql);
                if (done(value))
                    return value;
                var exited = mustRun is null ? workers.FirstOrDefault(w => w.HasExited) : mustRun.HasExited ? mustRun : null;
                if (exited is not null || watch.Elapsed > timeout)
                    Assert.Fail($"'{sql}' stood at {value} after {watch.Elapsed.TotalSeconds:0.0} s\n{string.Join("\n----\n", workers.Select(w => w.Stdout + w.Stderr))}");
                await Task.Delay(20);
            }
        }

        public async Task<long> ScalarAsync(string sql)
        {
            await using var connection = await OpenAsync();
            return Convert.ToInt64(await connection.ExecuteScalarAsync(sql), CultureInfo.InvariantCulture);
        }

        public async Task<List<T>> QueryAsync<T>(string sql)
        {
            await using var connection = await OpenAsync();
            return (await connection.QueryAsync<T>(sql)).ToList();
        }

        /// <summary>Each queued invitation's recipient (lower case) and Message-ID.</summary>
        public async Task<List<(string Recipient, string MessageId)>> InvitationsAsync() =>
            (await QueryAsync<(string Recipient, string MessageId)>("SELECT recipient, message_id FROM outbox WHERE kind = 'invitation' ORDER BY id"))
            .Select(r => (r.Recipient.ToLowerInvariant(), r.MessageId)).ToList();

        /// <summary>
        /// Waits (bounded) for the expected count in the leads' mailbox, then looks again a second later: a window in which a
        /// duplicate still in Postfix's queue would arrive (observation, not synchronisation).
        /// </summary>
        public async Task<IReadOnlyList<MimeMessage>> SettledMailboxAsync(int expected)
        {
            Assert.That(await MailboxCounts.WaitForCountAsync(LeadsMailbox, "INBOX", expected, TimeSpan.FromSeconds(60)), Is.GreaterThanOrEqualTo(expected),
                "every lead's invitation delivered");
            await Task.Delay(TimeSpan.FromSeconds(1));
            return await MailSandbox.Shared.FetchAsync(LeadsMailbox);
        }

        private async Task<NpgsqlConnection> OpenAsync()
        {
            var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            return connection;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var worker in workers)
            {
                // By pid, each one; a worker already killed by the test is simply reaped.
                worker.Dispose();
            }

            host?.Dispose();
            foreach (var dir in dirs)
                dir.Dispose();
            setup.Dispose();
            PostgresSandbox.Shared.DropDatabase(Database);
            await Task.CompletedTask;
        }
    }
}
