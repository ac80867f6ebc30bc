using MimeKit;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Ingestion;

/// <summary>
/// The running worker reads a reply as soon as it lands (IMAP IDLE on the real Dovecot, file events on the drop
/// folder), not at the next MailboxPoll interval: the interval here is an hour, so only the watch can explain a
/// reply stored within the bound.
/// </summary>
public sealed class MailboxWatchTests
{
    private const string Round = "STP-R3";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Test]
    public async Task A_reply_landing_in_the_IMAP_inbox_is_stored_within_seconds_while_the_next_poll_is_an_hour_away()
    {
        var local = $"returns-{Guid.NewGuid():N}"[..16];
        var user = $"{local}@lga.test";
        var settings = MailSandbox.Shared.Settings(user);
        settings["Mail:ReplyLocalPart"] = local;
        using var world = await IngestionWorld.StartAsync(settings);
        var roundId = await world.CreateRoundAsync(Round, ["E09000007"]);
        var reply = Reply(world, roundId);
        world.Host.Dispose();
        var environment = MailSandbox.Shared.Environment(user);
        environment["STPCOLLECTOR__Mail__ReplyLocalPart"] = local;

        using var worker = StartWorker(world, environment);
        await worker.WaitForOutputAsync("replies are read as they land", Bound);
        await WaitForFirstPollAsync(world);
        await MailSandbox.Shared.SendAsync(reply);

        Assert.That(await MailboxCounts.WaitForCountAsync(user, "Processed", 1, Bound), Is.EqualTo(1), worker.Stdout + worker.Stderr);
        Assert.That(await world.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE kind = 'receipt'"), Is.EqualTo(1));
        await StopAsync(worker);
    }

    [Test]
    public async Task A_file_dropped_in_the_drop_folder_is_read_within_seconds_and_a_half_written_one_waits()
    {
        using var world = await IngestionWorld.StartAsync();
        await world.CreateRoundAsync(Round, ["E09000007"]);
        world.Host.Dispose();
        var inbox = Path.Combine(world.Data.Path, "mail", "inbox");
        var processed = Path.Combine(world.Data.Path, "mail", "processed");

        using var worker = StartWorker(world, new Dictionary<string, string>());
        await worker.WaitForOutputAsync("replies are read as they land", Bound);
        await WaitForFirstPollAsync(world);
        File.WriteAllText(Path.Combine(inbox, "camden.csv.part"), "council_code,Q1\nE09000007,Yes\n");
        File.Move(Path.Combine(inbox, "camden.csv.part"), Path.Combine(inbox, "camden.csv"));
        File.WriteAllText(Path.Combine(inbox, "still-copying.tmp"), "council_code,Q1\n");

        Assert.That(await WaitForFileAsync(Path.Combine(processed, "camden.csv")), Is.True, worker.Stdout + worker.Stderr);
        Assert.That(File.Exists(Path.Combine(inbox, "still-copying.tmp")), Is.True, "a file still being written is left alone");
        await StopAsync(worker);
    }

    private static AppProcess StartWorker(IngestionWorld world, Dictionary<string, string> environment)
    {
        environment["STPCOLLECTOR__Sweeps__IntervalSeconds__MailboxPoll"] = "3600";
        environment["STPCOLLECTOR__Web__Enabled"] = "false";
        return AppProcess.Start(["run", "--data-dir", world.Data.Path], environment);
    }

    /// <summary>The schedule's first poll runs at start; the reply must land after it, or that poll would read it.</summary>
    private static async Task WaitForFirstPollAsync(IngestionWorld world)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (await world.ScalarAsync<long>("SELECT count(*) FROM sweep_runs WHERE sweep = 'MailboxPoll'") == 0)
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"the worker's first MailboxPoll did not run within {Bound.TotalSeconds} s");
            await Task.Delay(50);
        }
    }

    private static async Task<bool> WaitForFileAsync(string path)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!File.Exists(path))
        {
            if (DateTime.UtcNow > deadline)
                return false;
            await Task.Delay(50);
        }

        return true;
    }

    private static async Task StopAsync(AppProcess worker)
    {
        worker.Signal(15);
        Assert.That(await worker.WaitForExitAsync(TimeSpan.FromSeconds(15)), Is.True, "the worker stops on SIGTERM, its watch included");
    }

    private static MimeMessage Reply(IngestionWorld world, long roundId)
    {
        var message = new MimeMessage { Subject = $"Re: {Round} Local government involvement in your STP" };
        message.From.Add(MailboxAddress.Parse("stp.lead@camden.gov.test"));
        message.To.Add(MailboxAddress.Parse(world.TokenAddress(roundId, "E09000007")));
        message.Body = new TextPart("plain") { Text = "Q1: Yes\nQ5: Consulted\n" };
        return message;
    }
}
