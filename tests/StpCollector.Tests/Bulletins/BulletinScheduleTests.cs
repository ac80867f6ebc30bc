using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StpCollector.Bulletins;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Bulletins;

public sealed class BulletinScheduleTests
{
    // The first Monday of December 2026 is the 7th: 09:00 in London is 09:00 UTC (GMT).
    private const string DecemberIssue = "2026-12-07T09:00:00.000Z";

    private static BulletinSchedule Schedule(int graceHours = 48) =>
        new(Options.Create(new BulletinOptions { GraceHours = graceHours }));

    [TestCase("2026-12-07T08:59:59Z", null, TestName = "Nothing is due a second before the first Monday at 09:00")]
    [TestCase("2026-12-07T09:00:00Z", DecemberIssue, TestName = "The period is due at 09:00 London time on the first Monday")]
    [TestCase("2026-12-09T08:59:00Z", DecemberIssue, TestName = "The period is still due within the 48 hour grace window")]
    [TestCase("2026-12-09T09:01:00Z", null, TestName = "The period is no longer due after the grace window")]
    [TestCase("2026-06-01T08:30:00Z", "2026-06-01T08:00:00.000Z", TestName = "In summer time 09:00 London is 08:00 UTC")]
    public void The_due_period_follows_the_cron_schedule_in_london_time(string now, string? expected) =>
        Assert.That(Schedule().Due(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture))?.Key, Is.EqualTo(expected));

    [Test]
    public void The_next_period_after_the_december_issue_is_the_first_monday_of_january() =>
        Assert.That(Schedule().Next(DateTimeOffset.Parse(DecemberIssue, System.Globalization.CultureInfo.InvariantCulture)).Key,
            Is.EqualTo("2027-01-04T09:00:00.000Z"));

    [Test]
    public async Task Worker_stopped_over_the_scheduled_time_sends_once_when_started_within_grace_and_not_again_after_restart()
    {
        using var data = new TempDataDir();
        using (var host = await data.StartHostAsync())
        {
            KnownRounds.Create(ReturnsBuilder.For(host));
            await BulletinFixture.AddSubscribersAsync(host, ["ada@network.test", "ben@network.test", "cy@network.test"]);
        }

        // The worker was down at 09:00 and starts at 11:30, well inside the grace window.
        var late = new Dictionary<string, string> { ["STPCOLLECTOR__Clock__Now"] = "2026-12-07T11:30:00Z" };
        using (var worker = AppProcess.Start(["run", "--data-dir", data.Path], late))
        {
            await worker.WaitForOutputAsync("queued for 3 subscribers", TimeSpan.FromSeconds(60));
            worker.Signal(15);
            Assert.That(await worker.WaitForExitAsync(TimeSpan.FromSeconds(10)), Is.True);
        }

        // Restarted later the same day: the period is decided, nothing more is queued.
        var (exit, stdout, stderr) = await AppProcess.RunAsync(["run", "--once", "--data-dir", data.Path],
            new Dictionary<string, string> { ["STPCOLLECTOR__Clock__Now"] = "2026-12-07T15:00:00Z" });

        Assert.That(exit, Is.EqualTo(0), stdout + stderr);
        Assert.That(BulletinFixture.Scalar<long>(data.Path, "SELECT count(*) FROM bulletins"), Is.EqualTo(1));
        Assert.That(BulletinFixture.Scalar<string>(data.Path, "SELECT period_key || ' ' || status FROM bulletins"), Is.EqualTo($"{DecemberIssue} sent"));
        Assert.That(BulletinFixture.Outbox(data.Path).Select(q => q.Recipient), Is.EquivalentTo(new[] { "ada@network.test", "ben@network.test", "cy@network.test" }));
        Assert.That(Directory.GetDirectories(Path.Combine(data.Path, "bulletins")), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task A_worker_started_after_the_grace_window_does_not_send_the_old_period()
    {
        using var data = new TempDataDir();
        using (var host = await data.StartHostAsync())
        {
            KnownRounds.Create(ReturnsBuilder.For(host));
            await BulletinFixture.AddSubscribersAsync(host, ["ada@network.test"]);
        }

        var (exit, _, stderr) = await AppProcess.RunAsync(["run", "--once", "--data-dir", data.Path],
            new Dictionary<string, string> { ["STPCOLLECTOR__Clock__Now"] = "2026-12-09T10:00:00Z" });

        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(BulletinFixture.Scalar<long>(data.Path, "SELECT count(*) FROM bulletins"), Is.EqualTo(0));
        Assert.That(BulletinFixture.Outbox(data.Path), Is.Empty);
    }

    [Test]
    public async Task On_a_new_installation_with_no_returns_the_bulletin_day_passes_quietly_and_run_once_succeeds()
    {
        using var data = new TempDataDir();
        var (exit, stdout, stderr) = await AppProcess.RunAsync(["run", "--once", "--data-dir", data.Path],
            new Dictionary<string, string> { ["STPCOLLECTOR__Clock__Now"] = "2026-12-07T09:05:00Z" });

        Assert.That(exit, Is.EqualTo(0), stdout + stderr);
        Assert.That(BulletinFixture.Scalar<string>(data.Path, "SELECT status || ': ' || note FROM bulletins"),
            Is.EqualTo("skipped: no round of stp-local-government-involvement has returns yet"));
    }

    [Test]
    public async Task A_period_with_nothing_new_since_the_last_bulletin_is_skipped_and_recorded()
    {
        using var data = new TempDataDir();
        using (var host = await data.StartHostAsync(new Dictionary<string, string?> { ["Clock:Now"] = "2026-12-07T09:05:00Z" }))
        {
            KnownRounds.Create(ReturnsBuilder.For(host));
            await BulletinFixture.AddSubscribersAsync(host, ["ada@network.test"]);
            await host.Services.GetRequiredService<BulletinSweep>().RunAsync(CancellationToken.None);
        }

        // January: no return has arrived and no round has opened since the December issue.
        using (var host = await data.StartHostAsync(new Dictionary<string, string?> { ["Clock:Now"] = "2027-01-04T09:05:00Z" }))
            await host.Services.GetRequiredService<BulletinSweep>().RunAsync(CancellationToken.None);

        Assert.That(BulletinFixture.Scalar<string>(data.Path, "SELECT group_concat(status, ',') FROM (SELECT status FROM bulletins ORDER BY scheduled_for) AS b"),
            Is.EqualTo("sent,skipped"));
        Assert.That(BulletinFixture.Outbox(data.Path), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task With_approval_required_a_draft_is_built_ahead_not_sent_unapproved_and_sent_once_approved()
    {
        using var data = new TempDataDir();
        var approval = new Dictionary<string, string?> { ["Bulletins:RequireApproval"] = "true" };
        Dictionary<string, string?> At(string now) => new(approval) { ["Clock:Now"] = now };
        using (var host = await data.StartHostAsync(At("2026-12-05T09:00:00Z")))
        {
            KnownRounds.Create(ReturnsBuilder.For(host));
            await BulletinFixture.AddSubscribersAsync(host, ["ada@network.test", "ben@network.test"]);
            await host.Services.GetRequiredService<BulletinSweep>().RunAsync(CancellationToken.None);
        }

        Assert.That(BulletinFixture.Scalar<string>(data.Path, "SELECT status FROM bulletins"), Is.EqualTo("draft"));
        using (var host = await data.StartHostAsync(At("2026-12-07T09:30:00Z")))
            await host.Services.GetRequiredService<BulletinSweep>().RunAsync(CancellationToken.None);
        Assert.That(BulletinFixture.Outbox(data.Path), Is.Empty, "an unapproved draft is not sent");
        var log = string.Concat(Directory.GetFiles(Path.Combine(data.Path, "logs")).Select(f =>
        {
            using var reader = new StreamReader(new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            return reader.ReadToEnd();
        }));
        Assert.That(log, Does.Contain("Bulletin 1 for Monday 7 December 2026, 09:00 is not approved, so it is not sent"));

        var (exit, stdout, stderr) = await AppProcess.RunAsync(["bulletin", "approve", "1", "--data-dir", data.Path]);
        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("Approved bulletin 1"));
        using (var host = await data.StartHostAsync(At("2026-12-07T09:35:00Z")))
        {
            await host.Services.GetRequiredService<BulletinSweep>().RunAsync(CancellationToken.None);
            await host.Services.GetRequiredService<BulletinSweep>().RunAsync(CancellationToken.None);
        }

        Assert.That(BulletinFixture.Outbox(data.Path), Has.Count.EqualTo(2));
        Assert.That(BulletinFixture.Scalar<string>(data.Path, "SELECT status FROM bulletins WHERE id = 1"), Is.EqualTo("sent"));
    }
}
