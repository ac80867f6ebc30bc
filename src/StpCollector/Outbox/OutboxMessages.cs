using System.Data.Common;
using Dapper;
using StpCollector.Storage;

namespace StpCollector.Outbox;

/// <summary>Where one queued message stands, as the feature that queued it may see it.</summary>
internal sealed record Delivery(long Id, string Kind, string Status, DateTimeOffset? SentAt, string? LastError, string MessageId)
{
    /// <summary>Queued and not gone yet (waiting, or being handed to the mail server now).</summary>
    public bool Waiting => Status is "pending" or "sending";
}

/// <summary>
/// What other features may read and change of the messages they queued, by topic (round:12, foi:7) or id, on the caller's
/// connection and transaction. Only messages still pending are ever changed: what has gone, or is going, stays as it is.
/// </summary>
internal static class OutboxMessages
{
    /// <summary>Every message about these topics, by id, in one query however many topics are asked about.</summary>
    public static async Task<IReadOnlyDictionary<long, Delivery>> ForTopicsAsync(
        IEnumerable<string> topics, DbConnection connection, DbTransaction? transaction = null)
    {
        var list = topics.Distinct().ToList();
        var rows = await connection.QueryAsync<Delivery>($"""
            SELECT id AS Id, kind AS Kind, status AS Status, sent_at AS SentAt, last_error AS LastError, message_id AS MessageId
            FROM outbox WHERE topic {connection.In("list")}
            """, new { list }, transaction);
        return rows.ToDictionary(d => d.Id);
    }

    /// <summary>These messages, by id (a feature that kept the id of what it queued); ids not in the outbox are left out.</summary>
    public static async Task<IReadOnlyDictionary<long, Delivery>> ForIdsAsync(
        IEnumerable<long> ids, DbConnection connection, DbTransaction? transaction = null)
    {
        var list = ids.Distinct().ToList();
        if (list.Count == 0)
            return new Dictionary<long, Delivery>();
        var rows = await connection.QueryAsync<Delivery>($"""
            SELECT id AS Id, kind AS Kind, status AS Status, sent_at AS SentAt, last_error AS LastError, message_id AS MessageId
            FROM outbox WHERE id {connection.In("list")}
            """, new { list }, transaction);
        return rows.ToDictionary(d => d.Id);
    }

    /// <summary>The ids of messages of this kind still waiting to go, for a feature that decides which of them are no longer wanted.</summary>
    public static async Task<IReadOnlyList<long>> PendingAsync(string kind, DbConnection connection, DbTransaction? transaction = null) =>
        (await connection.QueryAsync<long>("SELECT id FROM outbox WHERE status = 'pending' AND kind = @kind", new { kind }, transaction)).ToList();

    /// <summary>Withdraws the topic's pending messages of these kinds, noting why; returns how many.</summary>
    public static Task<int> CancelPendingAsync(string topic, IReadOnlyCollection<string> kinds, string reason,
        DbConnection connection, DbTransaction? transaction = null) =>
        connection.ExecuteAsync($"""
            UPDATE outbox SET status = 'cancelled', last_error = @reason
            WHERE topic = @topic AND status = 'pending' AND kind {connection.In("kinds")}
            """, new { topic, kinds, reason }, transaction);

    /// <summary>Withdraws these messages that are still pending, noting why; returns how many.</summary>
    public static Task<int> CancelPendingAsync(IReadOnlyCollection<long> ids, string reason, DbConnection connection, DbTransaction? transaction = null) =>
        ids.Count == 0 ? Task.FromResult(0) : connection.ExecuteAsync($"""
            UPDATE outbox SET status = 'cancelled', last_error = @reason
            WHERE status = 'pending' AND id {connection.In("ids")}
            """, new { ids, reason }, transaction);

    /// <summary>Moves the expiry of the topic's pending messages of this kind (a round's new deadline for its reminders).</summary>
    public static Task<int> ExpirePendingAtAsync(string topic, string kind, DateTimeOffset expiresAt, DbConnection connection, DbTransaction? transaction = null) =>
        connection.ExecuteAsync("""
            UPDATE outbox SET expires_at = @expiresAt WHERE topic = @topic AND kind = @kind AND status = 'pending'
            """, new { topic, kind, expiresAt = DapperSetup.Format(expiresAt) }, transaction);
}
