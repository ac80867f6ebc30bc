using StpCollector.Tests.Rounds;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Foundation;

/// <summary>run --once says what each sweep did, one line per sweep, and exits 1 when one failed.</summary>
public sealed class RunOnceSummaryTests
{
    private static readonly Dictionary<string, string> MondayMorning = new() { ["STPCOLLECTOR__Clock__Now"] = "2026-11-23T09:00:00Z" };

    [Test]
    public async Task Run_once_on_a_new_installation_prints_one_line_per_sweep_saying_nothing_was_due()
    {
        using var data = new TempDataDir();

        var (exit, stdout, stderr) = await AppProcess.RunAsync(["run", "--once", "--data-dir", data.Path], MondayMorning);

        Assert.That(exit, Is.Zero, stdout + stderr);
        Assert.That(Lines(stdout), Has.Length.EqualTo(6), "one line per sweep");
        Assert.That(stdout, Does.Contain($"MailboxPoll: no messages waiting in drop folder {Path.Combine(data.Path, "mail", "inbox")}"));
        Assert.That(stdout, Does.Contain("Bulletin: nothing due (next: Monday 7 December 2026, 09:00)"));
        Assert.That(stdout, Does.Contain("RoundLifecycle: nothing due"));
        Assert.That(stdout, Does.Contain("FoiChasers: no request newly overdue"));
        Assert.That(stdout, Does.Contain("OutboxDispatch: nothing to send"));
        Assert.That(stdout, Does.Contain("DatabaseMaintenance: "));
    }

    [Test]
    public async Task Run_once_says_which_round_it_opened_how_much_it_sent_and_what_it_read()
    {
        using var data = new TempDataDir();
        using (var host = await data.StartHostAsync())
            await RoundTestData.AddLeadAsync(host.Services, "E09000007", "lead@camden.gov.test");
        var created = await AppProcess.RunAsync(["round", "create", "--questionnaire", RoundTestData.Questionnaire, "--title", "Winter check-in",
            "--opens", "2026-11-23 09:00", "--closes", "2026-12-18 17:00", "--audience", "councils:E09000007", "--reminders", "none", "--data-dir", data.Path], MondayMorning);
        Assert.That(created.ExitCode, Is.Zero, created.Stderr);
        var inbox = Directory.CreateDirectory(Path.Combine(data.Path, "mail", "inbox")).FullName;
        File.WriteAllText(Path.Combine(inbox, "stranger.eml"),
            "From: someone@example.test\r\nTo: returns@stp.test\r\nSubject: Hello\r\nMessage-ID: <stranger@example.test>\r\n\r\nIs this the right address?\r\n");

        var (exit, stdout, stderr) = await AppProcess.RunAsync(["run", "--once", "--data-dir", data.Path], MondayMorning);

        Assert.That(exit, Is.Zero, stdout + stderr);
        Assert.That(stdout, Does.Contain("MailboxPoll: 1 message read (1 held)"));
        Assert.That(stdout, Does.Contain("RoundLifecycle: opened STP-R1 (1 invitation queued)"));
        Assert.That(stdout, Does.Contain("OutboxDispatch: 1 sent, 0 failed"));
    }

    [Test]
    public async Task A_sweep_that_fails_is_named_in_the_output_and_run_once_exits_1_after_running_the_others()
    {
        using var data = new TempDataDir();
        Directory.CreateDirectory(Path.Combine(data.Path, "mail"));
        File.WriteAllText(Path.Combine(data.Path, "mail", "inbox"), "a file where the drop folder should be");

        var (exit, stdout, stderr) = await AppProcess.RunAsync(["run", "--once", "--data-dir", data.Path], MondayMorning);

        Assert.That(exit, Is.EqualTo(1), stdout + stderr);
        Assert.That(stdout, Does.Contain("MailboxPoll: FAILED: "));
        Assert.That(stdout, Does.Contain("OutboxDispatch: nothing to send"), "the other sweeps still run");
        Assert.That(stdout + stderr, Does.Not.Contain("   at "), "no stack trace on the terminal");
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
