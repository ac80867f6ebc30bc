using System.Data.Common;
using Dapper;
using StpCollector.Outbox;
using StpCollector.Storage;

namespace StpCollector.Bulletins;

/// <summary>What `faq publish --notify` did: notes queued, and people left out with the reason.</summary>
internal sealed record FaqNotices(int Queued, int Forgotten, int NotSubscribed, int AlreadyTold = 0);

/// <summary>
/// Tells the people whose feedback an FAQ entry draws on that it is published: one note per subscriber, queued in the
/// outbox in one transaction. Feedback whose words and address retention removed is not followed up, nor is anyone
/// who is no longer an active subscriber. Each source is told once: a second --notify leaves out those already told.
/// </summary>
internal sealed class FaqNotifier(Database database, OutboxWriter outbox, FeedbackMessages messages, TimeProvider clock)
{
    public async Task<FaqNotices> NotifyAsync(FaqEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (DbTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var all = (await connection.QueryAsync<(long FeedbackId, long? SubscriberId, string? ForgottenAt, string ReceivedAt, string? NotifiedAt)>("""
            SELECT f.id, f.subscriber_id, f.forgotten_at, f.received_at, s.notified_at FROM faq_sources s JOIN feedback f ON f.id = s.feedback_id
            WHERE s.faq_id = @Id ORDER BY f.received_at
            """, new { entry.Id }, transaction)).ToList();
        var alreadyTold = all.Count(s => s.NotifiedAt is not null);
        var sources = all.Where(s => s.NotifiedAt is null).ToList();
        int queued = 0, notSubscribed = 0;
        var forgotten = sources.Count(s => s.ForgottenAt is not null);
        var now = DapperSetup.Format(clock.GetUtcNow());
        foreach (var group in sources.Where(s => s.ForgottenAt is null).GroupBy(s => s.SubscriberId))
        {
            var subscriber = group.Key is { } id ? await SubscriberStore.FindAsync(connection, transaction, id) : null;
            if (subscriber is null || subscriber.Status != SubscriberStore.Active)
            {
                notSubscribed += group.Key is null ? group.Count() : 1;
                continue;
            }

            await outbox.EnqueueAsync(connection, transaction, messages.Notice(entry, subscriber, DapperSetup.ParseTimestamp(group.First().ReceivedAt)));
            await connection.ExecuteAsync($"UPDATE faq_sources SET notified_at = @now WHERE faq_id = @faqId AND feedback_id {connection.In("ids")}",
                new { now, faqId = entry.Id, ids = group.Select(s => s.FeedbackId).ToArray() }, transaction);
            queued++;
        }

        await transaction.CommitAsync(cancellationToken);
        return new FaqNotices(queued, forgotten, notSubscribed, alreadyTold);
    }
}
