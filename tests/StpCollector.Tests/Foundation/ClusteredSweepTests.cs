using System.Diagnostics;
using Npgsql;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Foundation;

/// <summary>
/// Two `stpcollector run` processes on one PostgreSQL database share the sweeps through Quartz's clustered store: both
/// check in, a sweep runs on one node at a time, and when one node is killed the other takes its sweeps over. Each sweep
/// ends by recording its run in sweep_runs, so a test that holds a lock on that table keeps every started run
/// executing, and Quartz's own qrtz_fired_triggers then shows which node runs which sweep, and that none runs twice.
/// </summary>
// Chooses its stores itself (PostgreSQL, or both side by side): it runs once, in install/test's first pass.
[Category("ChoosesItsStore")]
[NonParallelizable]
public sealed class ClusteredSweepTests
{
    private const string PostgresBin = "/usr/lib/postgresql/15/bin";
    private static readonly string[] Sweeps = ["Bulletin", "DatabaseMaintenance", "FoiChasers", "MailboxPoll", "OutboxDispatch", "RoundLifecycle"];

    private string folder = "";
    private int port;
    private int serverPid;

    [OneTimeSetUp]
    public async Task StartPostgres()
    {
        if (!File.Exists(Path.Combine(PostgresBin, "initdb")))
            Assert.Ignore("PostgreSQL 15 is not installed (apt-get install postgresql)");
        folder = Path.Combine(Path.GetTempPath(), "stpc-pg-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(folder);
        port = FreePort.Next();
        // The server refuses to run as root: the folder and the server belong to postgres.
        await Run("chown", ["postgres", folder]);
        await RunAsPostgres("initdb", ["-D", Path.Combine(folder, "data"), "--auth=trust", "--locale=C.UTF-8", "--encoding=UTF8"]);
        await RunAsPostgres("pg_ctl", ["-D", Path.Combine(folder, "data"), "-l", Path.Combine(folder, "server.log"), "-w", "start",
            "-o", $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"]);
        serverPid = int.Parse(File.ReadLines(Path.Combine(folder, "data", "postmaster.pid")).First());
        await using var admin = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres");
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand("CREATE DATABASE cluster", admin);
        await create.ExecuteNonQueryAsync();
    }

    [OneTimeTearDown]
    public void StopPostgres()
    {
        NpgsqlConnection.ClearAllPools();
        if (serverPid > 0)
        {
            // SIGINT is PostgreSQL's fast shutdown; the postmaster is stopped by its own pid, never by name.
            using (var kill = Process.Start("kill", ["-INT", serverPid.ToString()]))
                kill.WaitForExit();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (Directory.Exists($"/proc/{serverPid}") && DateTime.UtcNow < deadline)
                Thread.Sleep(100);
        }

        if (folder.Length > 0 && Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task Two_workers_check_in_run_each_sweep_on_one_node_at_a_time_and_the_survivor_takes_over_a_killed_one()
    {
        using var dataA = new TempDataDir();
        using var dataB = new TempDataDir();
        await using var db = new NpgsqlConnection(ConnectionString);
        await db.OpenAsync();

        // A starts alone, so its instance id is the first to check in.
        using var a = AppProcess.Start(["run", "--data-dir", dataA.Path], WorkerEnvironment);
        var nodeA = (await WaitForAsync(db, "node A to check in", async () => (await CheckedInAsync(db)) is [var only] ? only : null, a));

        // From here every run that starts stays executing, on whichever node started it, until the lock is let go.
        await using var holder = new NpgsqlConnection(ConnectionString);
        await holder.OpenAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await using (var lockRuns = new NpgsqlCommand("LOCK TABLE sweep_runs IN ACCESS EXCLUSIVE MODE", holder, hold))
            await lockRuns.ExecuteNonQueryAsync();
        await WaitForAsync(db, "every sweep to be running on A", async () =>
            (await ExecutingAsync(db)) is var running && Sweeps.All(s => running.Contains((s, nodeA))) ? running : null, a);

        using var b = AppProcess.Start(["run", "--data-dir", dataB.Path], WorkerEnvironment);
        var nodes = await WaitForAsync(db, "node B to check in", async () => (await CheckedInAsync(db)) is { Count: 2 } both ? both : null, b);
        var nodeB = nodes.Single(n => n != nodeA);

        // B has started and declared the same sweeps (replacing A's triggers), and the 1-second interval has fired
        // several times over: while A still runs every sweep, B must start none of them.
        var overlaps = new List<string>();
        var stopWatching = DateTime.UtcNow.AddSeconds(4);
        while (DateTime.UtcNow < stopWatching)
        {
            var running = await ExecutingAsync(db);
            overlaps.AddRange(running.GroupBy(r => r.Sweep).Where(g => g.Count() > 1).Select(g => $"{g.Key} on {string.Join(", ", g.Select(r => r.Node))}"));
            overlaps.AddRange(running.Where(r => r.Node == nodeB).Select(r => $"{r.Sweep} started on B while A runs it"));
            await Task.Delay(100);
        }

        Assert.That(overlaps.Distinct(), Is.Empty, "a sweep runs on one node at a time");
        Assert.That(b.HasExited, Is.False, "the second node started beside the first (its sweeps already stored)\n" + b.Stderr);

        // A dies holding every sweep. B notices A's missed check-ins and recovers its firings, then runs the sweeps itself.
        a.Signal(9);
        Assert.That(await a.WaitForExitAsync(TimeSpan.FromSeconds(10)), "SIGKILL stops A");
        var watch = Stopwatch.StartNew();
        await WaitForAsync(db, "B to take over every sweep from the killed A", async () =>
            (await ExecutingAsync(db)) is var running && Sweeps.All(s => running.Contains((s, nodeB))) && running.All(r => r.Node == nodeB) ? running : null,
            b, timeoutSeconds: 60);
        var checkedIn = await CheckedInAsync(db);
        TestContext.Out.WriteLine($"B ran every sweep {watch.Elapsed.TotalSeconds:0.0} s after A was killed");

        await hold.RollbackAsync();
        Assert.Multiple(() =>
        {
            Assert.That(checkedIn, Is.EqualTo(new[] { nodeB }), "the dead node's check-in row is removed by the survivor");
            Assert.That(b.HasExited, Is.False, "B runs on\n" + b.Stderr);
        });
        b.Signal(15);
        await b.WaitForExitAsync(TimeSpan.FromSeconds(20));
    }

    private string ConnectionString => $"Host=127.0.0.1;Port={port};Username=postgres;Database=cluster;Pooling=false";

    private Dictionary<string, string> WorkerEnvironment => new()
    {
        ["STPCOLLECTOR__Storage__Provider"] = "PostgreSql",
        ["STPCOLLECTOR__Storage__ConnectionString"] = $"postgres://postgres@127.0.0.1:{port}/cluster",
        // A sweep due every second: a second node that ignored the first one's running sweep would start it at once.
        ["STPCOLLECTOR__Sweeps__IntervalSeconds__OutboxDispatch"] = "1",
        ["STPCOLLECTOR__Sweeps__IntervalSeconds__RoundLifecycle"] = "1",
        ["STPCOLLECTOR__Sweeps__IntervalSeconds__MailboxPoll"] = "1",
    };

    private static async Task<List<string>> CheckedInAsync(NpgsqlConnection db)
    {
        var nodes = new List<string>();
        await using var command = new NpgsqlCommand("SELECT instance_name FROM qrtz_scheduler_state WHERE sched_name = 'StpCollector' ORDER BY instance_name", db);
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                nodes.Add(reader.GetString(0));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // The first worker has not migrated yet.
        }

        return nodes;
    }

    /// <summary>The sweeps running now and the node running each, as Quartz records its firings.</summary>
    private static async Task<List<(string Sweep, string Node)>> ExecutingAsync(NpgsqlConnection db)
    {
        var running = new List<(string, string)>();
        await using var command = new NpgsqlCommand(
            "SELECT job_name, instance_name FROM qrtz_fired_triggers WHERE sched_name = 'StpCollector' AND state = 'EXECUTING'", db);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            running.Add((reader.GetString(0), reader.GetString(1)));
        return running;
    }

    private static async Task<T> WaitForAsync<T>(NpgsqlConnection db, string what, Func<Task<T?>> probe, AppProcess worker, int timeoutSeconds = 60)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            if (await probe() is { } found)
                return found;
            if (worker.HasExited)
                Assert.Fail($"a worker exited ({worker.ExitCode}) while waiting for {what}\n{worker.Stdout}\n{worker.Stderr}");
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"no {what} within {timeoutSeconds} s; running now: {string.Join(", ", await ExecutingAsync(db))}\n{worker.Stdout}\n{worker.Stderr}");
            await Task.Delay(100);
        }
    }

    private static Task RunAsPostgres(string program, IEnumerable<string> args) =>
        Run("runuser", ["-u", "postgres", "--", Path.Combine(PostgresBin, program), .. args]);

    private static async Task Run(string file, IEnumerable<string> args)
    {
        var (exitCode, stdout, stderr) = await ExternalProcess.RunAsync(file, args, timeoutSeconds: 120);
        Assert.That(exitCode, Is.Zero, $"{file} {string.Join(' ', args)} failed\n{stdout}\n{stderr}");
    }
}
