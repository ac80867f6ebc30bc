using Dapper;
using Microsoft.Data.Sqlite;
using StpCollector.Outbox;
using StpCollector.Storage;

namespace StpCollector.Bulletins;

/// <summary>What `faq publish --notify` did: notes queued, and people left out with the reason.</summary>
internal sealed record FaqNotices(int Queued, int Forgotten, int NotSubscribed);

/// <summary>
/// Tells the people whose feedback an FAQ entry draws on that it is published: one note per subscriber, queued in the
/// outbox in one transaction. Feedback whose words and address retention removed is not followed up, nor is anyone
/// who is no longer an active subscriber.
/// </summary>
internal sealed class FaqNotifier(Database database, OutboxWriter outbox, FeedbackMessages messages)
{
    public async Task<FaqNotices> NotifyAsync(FaqEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var sources = (await connection.QueryAsync<(long? SubscriberId, string? ForgottenAt, string ReceivedAt)>("""
            SELECT f.subscriber_id, f.forgotten_at, f.received_at FROM faq_sources s JOIN feedback f ON f.id = s.feedback_id
            WHERE s.faq_id = @Id ORDER BY f.received_at
            """, new { entry.Id }, transaction)).ToList();
        int queued = 0, notSubscribed = 0;
        var forgotten = sources.Count(s => s.ForgottenAt is not null);
        foreach (var group in sources.Where(s => s.ForgottenAt is null).GroupBy(s => s.SubscriberId))
        {
            var subscriber = group.Key is { } id ? await SubscriberStore.FindAsync(connection, transaction, id) : null;
            if (subscriber is null || subscriber.Status != SubscriberStore.Active)
            {
                notSubscribed += group.Key is null ? group.Count() : 1;
                continue;
            }

            await outbox.EnqueueAsync(connection, transaction, messages.Notice(entry, subscriber, DapperSetup.ParseTimestamp(group.First().ReceivedAt)));
            queued++;
        }

        await transaction.CommitAsync(cancellationToken);
        return new FaqNotices(queued, forgotten, notSubscribed);
    }
}
