using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Bulletins;
using StpCollector.Shared;
using StpCollector.Storage;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Bulletins;

/// <summary>Retention and the FAQ: feedback whose words were removed is neither quoted in a new draft nor followed up on publishing.</summary>
public sealed class FaqRetentionTests
{
    [Test]
    public async Task Feedback_whose_words_retention_removed_is_not_quoted_and_its_writer_is_not_notified()
    {
        using var data = new TempDataDir();
        using var host = await data.StartHostAsync(new Dictionary<string, string?> { ["Clock:Now"] = "2026-12-01T10:00:00Z" });
        var subscribers = await BulletinFixture.AddSubscribersAsync(host, ["old@network.test", "recent@network.test"]);
        await using (var connection = await host.Services.GetRequiredService<Database>().OpenAsync(CancellationToken.None))
        await using (var transaction = (DbTransaction)await connection.BeginTransactionAsync())
        {
            foreach (var (subscriber, received) in new[] { (subscribers[0], "2024-11-01T09:00:00Z"), (subscribers[1], "2026-11-20T09:00:00Z") })
                await FeedbackStore.RecordAsync(connection, transaction, new FeedbackStore.NewFeedback(subscriber.Id, subscriber.Email, null, null, 1,
                    "Re: bulletin", "How do other councils pool budgets?", DateTimeOffset.Parse(received)), DateTimeOffset.Parse(received));
            await transaction.CommitAsync();
        }

        var drafter = host.Services.GetRequiredService<FaqDrafter>();
        var id = await drafter.DraftAsync([1, 2], "How do councils pool budgets?", attribute: false, CancellationToken.None);
        await host.Services.GetRequiredService<FeedbackRetention>().ForgetExpiredAsync(CancellationToken.None);
        var entry = await host.Services.GetRequiredService<FaqStore>().PublishAsync(id, CancellationToken.None);
        var notices = await host.Services.GetRequiredService<FaqNotifier>().NotifyAsync(entry, CancellationToken.None);
        var again = await host.Services.GetRequiredService<FaqNotifier>().NotifyAsync(entry, CancellationToken.None);
        var refused = Assert.ThrowsAsync<ConflictProblem>(() => drafter.DraftAsync([1], "Again?", attribute: false, CancellationToken.None));

        Assert.That(notices, Is.EqualTo(new FaqNotices(Queued: 1, Forgotten: 1, NotSubscribed: 0)));
        Assert.That(again, Is.EqualTo(new FaqNotices(Queued: 0, Forgotten: 1, NotSubscribed: 0, AlreadyTold: 1)), "a second --notify tells no one twice");
        Assert.That(BulletinFixture.Outbox(data.Path, FeedbackMessages.NoticeKind).Select(q => q.Recipient), Is.EqualTo(new[] { "recent@network.test" }));
        Assert.That(refused!.Message, Does.Contain("Feedback #1 no longer has its words"));
        Assert.That(entry.BodyMarkdown, Does.Contain("A network member: \u201cHow do other councils pool budgets?\u201d"), "the anonymised FAQ text stays");
    }
}
