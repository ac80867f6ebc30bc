using System.Diagnostics;
using Dapper;
using StpCollector.Storage;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Foundation;

public sealed class WorkerTests
{
    [Test]
    public async Task Run_once_creates_the_data_dir_runs_every_sweep_and_exits_0()
    {
        using var data = new TempDataDir();
        var dataDir = data.NewDataDir("fresh");

        var (exit, stdout, stderr) = await AppProcess.RunAsync(["run", "--once", "--data-dir", dataDir]);

        Assert.That(exit, Is.EqualTo(0), stdout + stderr);
        Assert.That(Directory.Exists(dataDir));
        await using (var connection = TestDatabase.Open(dataDir))
            Assert.That(await connection.ExecuteScalarAsync<int>("SELECT max(version) FROM schema_migrations"), Is.EqualTo(Migrator.LatestVersion), "the store was created and migrated");
        Assert.That(Directory.EnumerateFiles(Path.Combine(dataDir, "logs")), Is.Not.Empty);
    }

    [Test]
    public async Task Run_once_sweep_runs_the_named_sweep_and_refuses_an_unknown_name_listing_the_sweeps()
    {
        using var data = new TempDataDir();

        var named = await AppProcess.RunAsync(["run", "--once", "--sweep", "databasemaintenance", "--data-dir", data.Path]);
        var unknown = await AppProcess.RunAsync(["run", "--once", "--sweep", "NoSuchSweep", "--data-dir", data.Path]);
        var withoutOnce = await AppProcess.RunAsync(["run", "--sweep", "DatabaseMaintenance", "--data-dir", data.Path]);

        Assert.That(named.ExitCode, Is.EqualTo(0), named.Stdout + named.Stderr);
        Assert.That(unknown.ExitCode, Is.EqualTo(2));
        Assert.That(unknown.Stderr, Does.Contain("No sweep named NoSuchSweep").And.Contain("DatabaseMaintenance"));
        Assert.That(withoutOnce.ExitCode, Is.EqualTo(2));
        Assert.That(withoutOnce.Stderr, Does.Contain("--sweep works only with --once"));
    }

    [Test]
    public async Task The_worker_logs_its_scheduled_sweeps_and_stops_on_sigterm_within_5_seconds()
    {
        using var data = new TempDataDir();
        using var worker = AppProcess.Start(["--data-dir", data.Path]);
        await worker.WaitForOutputAsync("Scheduled sweep DatabaseMaintenance", TimeSpan.FromSeconds(60));

        var watch = Stopwatch.StartNew();
        worker.Signal(15);
        var stopped = await worker.WaitForExitAsync(TimeSpan.FromSeconds(5));

        Assert.That(stopped, Is.True, $"still running {watch.Elapsed} after SIGTERM");
        Assert.That(worker.ExitCode, Is.EqualTo(0), worker.Stderr);
        Assert.That(worker.Stdout, Does.Contain("worker stopping"));
    }
}
