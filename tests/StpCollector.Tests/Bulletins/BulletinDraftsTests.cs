using Microsoft.Extensions.DependencyInjection;
using StpCollector.Bulletins;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Bulletins;

/// <summary>The next bulletin's draft outside the console: the sweep sends one moved to another time, and the command line keeps four eyes.</summary>
public sealed class BulletinDraftsTests
{
    private static Dictionary<string, string?> At(string now) => new() { ["Clock:Now"] = now };

    [Test]
    public async Task An_approved_bulletin_moved_to_another_time_is_sent_by_the_sweep_then_and_not_at_its_period()
    {
        using var data = new TempDataDir();
        long id;
        using (var host = await data.StartHostAsync(At("2026-12-01T10:00:00Z")))
        {
            KnownRounds.Create(ReturnsBuilder.For(host));
            await BulletinFixture.AddSubscribersAsync(host, ["ada@network.test"]);
            var drafts = host.Services.GetRequiredService<BulletinDrafts>();
            var saved = await drafts.SaveEditorialAsync(new EditorialMarkdown("Moved issue.", ""), 0, "writer@lga.test", CancellationToken.None);
            id = saved.DraftId!.Value;
            Assert.That(async () => await drafts.ApproveAsync(id, "WRITER@lga.test", CancellationToken.None),
                Throws.TypeOf<StpCollector.Shared.ConflictProblem>().With.Message.EqualTo(BulletinDrafts.FourEyesRefusal));
            await drafts.ApproveAsync(id, "approver@lga.test", CancellationToken.None);
            await drafts.ScheduleAsync(id, DateTimeOffset.Parse("2026-12-03T14:00:00Z"), CancellationToken.None);
            await host.Services.GetRequiredService<BulletinSweep>().RunAsync(CancellationToken.None);
        }

        Assert.That(BulletinFixture.Outbox(data.Path), Is.Empty, "not before its time");
        using (var host = await data.StartHostAsync(At("2026-12-03T14:05:00Z")))
            await host.Services.GetRequiredService<BulletinSweep>().RunAsync(CancellationToken.None);
        Assert.That(BulletinFixture.Outbox(data.Path).Select(q => q.Recipient), Is.EqualTo(new[] { "ada@network.test" }));
        Assert.That(BulletinFixture.Outbox(data.Path).Single().Message.TextBody, Does.Contain("Moved issue."));
        using (var host = await data.StartHostAsync(At("2026-12-07T09:05:00Z")))
            await host.Services.GetRequiredService<BulletinSweep>().RunAsync(CancellationToken.None);
        Assert.That(BulletinFixture.Outbox(data.Path), Has.Count.EqualTo(1), "its period does not send it again");
        Assert.That(BulletinFixture.Scalar<string>(data.Path, $"SELECT status FROM bulletins WHERE id = {id}"), Is.EqualTo("sent"));
    }

    [Test]
    public async Task The_command_line_cannot_approve_a_bulletin_its_own_user_changed_last()
    {
        using var data = new TempDataDir();
        using (var host = await data.StartHostAsync(At("2026-12-01T10:00:00Z")))
        {
            KnownRounds.Create(ReturnsBuilder.For(host));
            await host.Services.GetRequiredService<BulletinDrafts>().SaveEditorialAsync(
                new EditorialMarkdown("Edited as the OS user.", ""), 0, $"cli:{Environment.UserName}", CancellationToken.None);
        }

        var (exit, _, stderr) = await AppProcess.RunAsync(["bulletin", "approve", "1", "--data-dir", data.Path]);
        Assert.That(exit, Is.Not.Zero);
        Assert.That(stderr, Does.Contain("You made the last change to this bulletin, so another approver must approve it."));
        Assert.That(BulletinFixture.Scalar<string>(data.Path, "SELECT status FROM bulletins WHERE id = 1"), Is.EqualTo("draft"));
    }
}
