using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Mail;
using StpCollector.Tests.Cli;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Foundation;

/// <summary>
/// One long-running worker per data dir (an OS lock, freed even by SIGKILL); `run --once` beside it or beside another
/// `run --once` stays correct: one process reads the mailbox at a time, and a file another process took is skipped.
/// </summary>
public sealed class OneWorkerPerDataDirTests
{
    [Test]
    public async Task A_second_worker_is_refused_naming_the_first_and_a_killed_worker_does_not_block_the_next()
    {
        using var data = new TempDataDir();
        using var first = AppProcess.Start(["run", "--data-dir", data.Path]);
        await first.WaitForOutputAsync("Scheduled sweep DatabaseMaintenance", TimeSpan.FromSeconds(60));

        var second = await AppProcess.RunAsync(["run", "--data-dir", data.Path], timeoutSeconds: 60);
        var once = await AppProcess.RunAsync(["run", "--once", "--data-dir", data.Path], timeoutSeconds: 60);
        var staff = await AppProcess.RunAsync(["round", "list", "--data-dir", data.Path], timeoutSeconds: 60);

        Assert.Multiple(() =>
        {
            Assert.That(second.ExitCode, Is.EqualTo(1), second.Stdout + second.Stderr);
            Assert.That(second.Stderr.Trim(), Does.StartWith($"A worker is already running on {data.Path} (pid {first.Pid}, since "));
            Assert.That(second.Stderr.Trim(), Does.EndWith("only one may run per data folder. Stop it first (staff verbs and `run --once` work beside it)."));
            Assert.That(second.Stderr.Trim().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(once.ExitCode, Is.Zero, "run --once works beside the worker\n" + once.Stderr);
            Assert.That(staff.ExitCode, Is.Zero, "staff verbs work beside the worker\n" + staff.Stderr);
            Assert.That(first.HasExited, Is.False, "the first worker runs on");
        });

        first.Signal(9);
        Assert.That(await first.WaitForExitAsync(TimeSpan.FromSeconds(10)), "SIGKILL stops it");
        using var next = AppProcess.Start(["run", "--data-dir", data.Path]);
        await next.WaitForOutputAsync("Scheduled sweep DatabaseMaintenance", TimeSpan.FromSeconds(60));
        next.Signal(15);
        Assert.That(await next.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        Assert.That(next.ExitCode, Is.Zero, next.Stderr);
    }

    [Test]
    public async Task Two_run_once_at_the_same_time_over_a_drop_folder_of_50_replies_store_each_reply_once()
    {
        using var world = await IngestionWorld.StartAsync();
        var councils = (await world.QueryAsync<string>("SELECT DISTINCT council_code FROM contacts WHERE role = 'lead' ORDER BY council_code LIMIT 50")).ToArray();
        Assert.That(councils, Has.Length.EqualTo(50));
        await world.CreateRoundAsync("STP-R1", councils);
        var inbox = Path.Combine(world.Data.Path, "mail", "inbox");
        Directory.CreateDirectory(inbox);
        foreach (var (council, n) in councils.Select((c, n) => (c, n)))
            File.WriteAllText(Path.Combine(inbox, $"return-{n:D2}.csv"), $"council_code,Q1,Q5,Q7\n{council},Yes,Consulted,Yes\n");
        world.Host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var runs = await CliProcesses.RunAllAsync([["run", "--once", "--data-dir", world.Data.Path], ["run", "--once", "--data-dir", world.Data.Path]]);

        var inbound = await world.ScalarAsync<long>("SELECT count(*) FROM inbound_messages");
        var seenAgain = await world.ScalarAsync<long>("SELECT COALESCE(sum(seen_again), 0) FROM inbound_messages");
        var returns = await world.ScalarAsync<long>("SELECT count(*) FROM returns");
        var councilsWithAReturn = await world.ScalarAsync<long>("SELECT count(DISTINCT council_code) FROM returns WHERE is_current = 1");
        Assert.Multiple(() =>
        {
            foreach (var run in runs)
                Assert.That(run.ExitCode, Is.Zero, run.Output);
            Assert.That(Directory.GetFiles(inbox), Is.Empty);
            Assert.That(Directory.GetFiles(Path.Combine(world.Data.Path, "mail", "processed")), Has.Length.EqualTo(50));
            Assert.That(inbound, Is.EqualTo(50));
            Assert.That(seenAgain, Is.Zero, "no file was read twice");
            Assert.That(returns, Is.EqualTo(50));
            Assert.That(councilsWithAReturn, Is.EqualTo(50));
        });
    }

    [Test]
    public async Task The_drop_folder_skips_a_file_another_process_took_after_it_was_listed()
    {
        using var data = new TempDataDir();
        await data.StartAsync();
        var mailbox = data.Services.GetRequiredService<IMailbox>();
        Assert.That(mailbox, Is.InstanceOf<DropFolderMailbox>());
        var inbox = Path.Combine(data.Path, "mail", "inbox");
        Directory.CreateDirectory(inbox);
        foreach (var name in new[] { "a.eml", "b.eml", "c.eml" })
            File.WriteAllText(Path.Combine(inbox, name), "From: x@example.test\r\n\r\nHello\r\n");

        await using var session = await mailbox.OpenAsync(CancellationToken.None);
        var items = await session.ListAsync(CancellationToken.None);
        File.Move(Path.Combine(inbox, "b.eml"), Path.Combine(data.Path, "b-taken.eml")); // another process got there first
        var read = await session.ReadManyAsync(items, CancellationToken.None);
        File.Move(Path.Combine(inbox, "c.eml"), Path.Combine(data.Path, "c-taken.eml"));

        Assert.That(read.Select(r => r.Item.Id), Is.EqualTo(new[] { "a.eml", "c.eml" }));
        Assert.DoesNotThrowAsync(() => session.MoveManyAsync(read.Select(r => r.Item).ToList(), MailboxDestination.Processed, CancellationToken.None));
        Assert.That(Directory.GetFiles(Path.Combine(data.Path, "mail", "processed")).Select(Path.GetFileName), Is.EqualTo(new[] { "a.eml" }));
    }
}
