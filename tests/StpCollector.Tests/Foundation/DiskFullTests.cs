using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using StpCollector.Cli;
using StpCollector.Hosting;
using StpCollector.Tests.Rounds;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Foundation;

/// <summary>
/// The data dir on a real 8 MB filesystem that fills up: verbs that need to write say in one line that the disk is
/// full (exit 1), read-only verbs still work, nothing is lost or half-written, and once space is freed one run --once
/// stores every waiting reply once and sends every queued message once.
/// </summary>
// SQLite's file on a full disk; on PostgreSQL the server owns its disk.
[Category("SqliteOnly")]
[NonParallelizable]
public sealed class DiskFullTests
{
    private static readonly Dictionary<string, string> MondayMorning = new() { ["STPCOLLECTOR__Clock__Now"] = "2026-11-23T09:00:00Z" };
    private const int Replies = 3;

    [Test]
    public async Task A_full_disk_is_said_plainly_loses_nothing_leaves_no_partial_file_and_everything_goes_through_once_space_is_freed()
    {
        using var disk = SmallDisk.MountOrIgnore();
        var data = Path.Combine(disk.Path, "data");
        await SetUpAsync(data);
        var import = WriteImportFile();
        try
        {
            // 0 bytes free.
            disk.FillLeaving(0);
            Assert.That(disk.FreeBytes, Is.LessThan(4096), "the filler left the disk full");

            var show = await Run("round", "show", "STP-R1", "--data-dir", data);
            Assert.That(show.ExitCode, Is.Zero, "round show reads only, so it works on a full disk\n" + show.Output);
            Assert.That(show.Stdout, Does.Contain("Winter check-in"));
            var council = await Run("councils", "show", "E09000007", "--data-dir", data);
            Assert.That(council.ExitCode, Is.Zero, council.Output);
            var status = await Run("status", "--data-dir", data);
            Assert.That(status.ExitCode, Is.Zero, status.Output);
            Assert.That(status.Stdout, Does.Contain($"{Replies} messages waiting in drop folder"));
            Assert.That(status.Stdout, Does.Contain("Low disk space: the disk holding " + data));

            var once = await Run("run", "--once", "--data-dir", data);
            Assert.That(once.ExitCode, Is.EqualTo(1), once.Output);
            Assert.That(once.Stdout, Does.Contain($"MailboxPoll: FAILED: the disk holding {data} is full (0 bytes free): 0 messages stored, {Replies} messages left waiting"));
            Assert.That(once.Stdout, Does.Contain("RoundLifecycle: FAILED: the disk holding " + data + " is full"));
            Assert.That(once.Stdout, Does.Contain("Low disk space: "), "run --once says the disk is low");
            AssertNoCrash(once);

            var imported = await Run("import", import, "--round", "STP-R1", "--data-dir", data);
            Assert.That(imported.ExitCode, Is.EqualTo(1), imported.Output);
            Assert.That(imported.Stderr, Does.Contain($"Nothing was imported from {import}: the disk holding {data} is full"));
            AssertNoCrash(imported);

            var create = await Run("round", "create", "--questionnaire", RoundTestData.Questionnaire, "--title", "Spring check-in",
                "--opens", "2026-12-01 09:00", "--closes", "2026-12-18 17:00", "--audience", "councils:E09000007", "--reminders", "none", "--data-dir", data);
            Assert.That(create.ExitCode, Is.EqualTo(1), create.Output);
            Assert.That(create.Stderr.Trim(), Does.StartWith($"The disk holding the data folder {data} is full (0 bytes free), so nothing was changed."));
            AssertNoCrash(create);
            AssertNoPartialFiles(data);

            // A little room (about 60 KB, then about 1 MB): whatever fits goes through, the rest is said plainly.
            foreach (var leave in new[] { 60 * 1024L, 1024 * 1024L })
            {
                disk.FillLeaving(leave);
                foreach (var result in new[] { await Run("run", "--once", "--data-dir", data), await Run("import", import, "--round", "STP-R1", "--data-dir", data) })
                {
                    AssertNoCrash(result);
                    if (result.ExitCode != 0)
                        Assert.That(result.Output, Does.Contain("is full"), $"with {leave} bytes free a failure is about the full disk\n{result.Output}");
                }

                AssertNoPartialFiles(data);
            }
        }
        finally
        {
            disk.Empty();
        }

        var after = await Run("run", "--once", "--data-dir", data);
        Assert.That(after.ExitCode, Is.Zero, after.Output);
        AssertNoPartialFiles(data);
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "stpcollector.db")};Pooling=False");
        await connection.OpenAsync();
        Assert.That(await connection.ExecuteScalarAsync<string>("PRAGMA integrity_check"), Is.EqualTo("ok"));
        var stored = (await connection.QueryAsync<(string, long)>(
            "SELECT message_id, count(*) FROM inbound_messages WHERE message_id LIKE 'reply-%' GROUP BY message_id")).ToList();
        Assert.That(stored, Has.Count.EqualTo(Replies), "every reply stored");
        Assert.That(stored.Select(s => s.Item2), Is.All.EqualTo(1), "each reply stored once");
        Assert.That(Directory.GetFiles(Path.Combine(data, "mail", "inbox")), Is.Empty, "no reply left waiting");
        var outbox = (await connection.QueryAsync<string>("SELECT status FROM outbox")).ToList();
        Assert.That(outbox, Is.Not.Empty.And.All.EqualTo("sent"), "the round's invitation was queued and sent");
        Assert.That(Directory.GetFiles(Path.Combine(data, "mail", "outbox"), "*.eml"), Has.Length.EqualTo(outbox.Count), "each message sent once");
        Assert.That(Directory.GetFiles(Path.Combine(data, "mail", "outbox"), ".*"), Is.Empty, "no half-written message");
        SqliteConnection.ClearAllPools();
    }

    [Test]
    public async Task A_partial_archive_file_left_by_a_killed_process_is_removed_at_the_next_start_and_a_fresh_one_is_left_alone()
    {
        using var data = new TempDataDir();
        var folder = Directory.CreateDirectory(Path.Combine(data.Path, "archive", "ab")).FullName;
        var leftover = Path.Combine(folder, "ab12.eml.4242.partial");
        var inProgress = Path.Combine(folder, "ab34.eml.4243.partial");
        File.WriteAllText(leftover, "half a message");
        File.WriteAllText(inProgress, "a message being written now");
        File.SetLastWriteTimeUtc(leftover, DateTime.UtcNow - StpCollector.Ingestion.InboundArchive.LeftoverAge - TimeSpan.FromMinutes(1));

        var once = await AppProcess.RunAsync(["run", "--once", "--data-dir", data.Path]);

        Assert.That(once.ExitCode, Is.Zero, once.Stdout + once.Stderr);
        Assert.That(File.Exists(leftover), Is.False, "the killed process's leftover is swept at start-up");
        Assert.That(File.Exists(inProgress), Is.True, "a write that may still be in progress is left alone");
    }

    private static async Task SetUpAsync(string data)
    {
        // Migrated, seeded, a lead, a round to open and replies waiting, all before the disk fills.
        using (var host = await AppHost.CreateBuilder(new GlobalArguments(data, null), worker: false).Build().PrepareAndReturnAsync())
            await RoundTestData.AddLeadAsync(host.Services, "E09000007", "lead@camden.gov.test");
        SqliteConnection.ClearAllPools();
        var created = await Run("round", "create", "--questionnaire", RoundTestData.Questionnaire, "--title", "Winter check-in",
            "--opens", "2026-11-23 09:00", "--closes", "2026-12-18 17:00", "--audience", "councils:E09000007", "--reminders", "none", "--data-dir", data);
        Assert.That(created.ExitCode, Is.Zero, created.Output);
        var inbox = Directory.CreateDirectory(Path.Combine(data, "mail", "inbox")).FullName;
        for (var i = 1; i <= Replies; i++)
        {
            File.WriteAllText(Path.Combine(inbox, $"reply-{i}.eml"),
                $"From: someone{i}@example.test\r\nTo: returns@stp.test\r\nSubject: Question {i}\r\nMessage-ID: <reply-{i}@example.test>\r\n\r\n" +
                new string('x', 20_000) + "\r\n");
        }
    }

    /// <summary>A staff file on another disk: every council, 20 questions each, enough to need far more than 1 MB of room.</summary>
    private static string WriteImportFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"stpc-diskfull-import-{Guid.NewGuid():N}.csv");
        using var writer = new StreamWriter(path);
        writer.Write("council_code,round,question_id,question,answer\n");
        var councils = File.ReadLines(Path.Combine(RepoPaths.Root, "seeds", "councils.csv")).Skip(1).Select(l => l.Split(',')[0]).ToList();
        foreach (var council in councils)
        {
            for (var q = 1; q <= 20; q++)
                writer.Write($"{council},STP-R1,Q{q},\"Question {q}\",Yes - {new string('y', 200)}\n");
        }

        return path;
    }

    private static async Task<Result> Run(params string[] args)
    {
        var (exit, stdout, stderr) = await AppProcess.RunAsync(args, MondayMorning);
        return new Result(exit, stdout, stderr);
    }

    private static void AssertNoCrash(Result result)
    {
        Assert.That(result.Output, Does.Not.Contain("   at "), "no stack trace\n" + result.Output);
        Assert.That(result.Output, Does.Not.Contain("Unhandled exception"), result.Output);
        Assert.That(result.Output, Does.Not.Contain("unexpected problem"), result.Output);
    }

    private static void AssertNoPartialFiles(string data) =>
        Assert.That(Directory.GetFiles(data, "*.partial", SearchOption.AllDirectories), Is.Empty, "no .partial file left behind");

    private sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string Output => Stdout + Stderr;
    }
}

internal static class HostPreparation
{
    public static async Task<Microsoft.Extensions.Hosting.IHost> PrepareAndReturnAsync(this Microsoft.Extensions.Hosting.IHost host)
    {
        await AppHost.PrepareAsync(host.Services);
        return host;
    }
}
