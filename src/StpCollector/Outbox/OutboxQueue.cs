using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using StpCollector.Storage;

namespace StpCollector.Outbox;

/// <summary>A message due to be sent; WireSize is set when its MIME was prepared for transport as it was queued.</summary>
internal sealed record DueMessage(long Id, string Recipient, string MessageId, long Attempts, byte[] Mime, long? WireSize);

internal sealed record InterruptedMessage(long Id, string Recipient, string MessageId);

/// <summary>
/// The dispatcher's state changes, each its own small transaction (autocommit), so a crash loses at most the
/// outcome of the one message a connection is sending. 'sending' is committed before the server sees the message
/// (the claim and 'sent' updates themselves are in <see cref="DispatchRecorder"/>).
/// </summary>
internal sealed class OutboxQueue(TimeProvider clock, IOptions<OutboxOptions> options)
{
    public const string InterruptedNote =
        "The send was cut off (the worker stopped or crashed while sending). Sent again with the same Message-ID, so the recipient may see it twice.";

    /// <summary>Only call while holding the dispatch lock: then every 'sending' row belongs to a dispatcher that is gone.</summary>
    public async Task<IReadOnlyList<InterruptedMessage>> RecoverInterruptedAsync(DbConnection connection)
    {
        var rows = await connection.QueryAsync<InterruptedMessage>("""
            UPDATE outbox SET status = 'pending', next_attempt_at = @now, interrupted_at = @now, last_error = @note
            WHERE status = 'sending'
            RETURNING id AS Id, recipient AS Recipient, message_id AS MessageId
            """, new { now = Now(), note = InterruptedNote });
        return rows.ToList();
    }

    /// <summary>Cancels pending messages past their expires_at, so a reminder never goes after its round has closed.</summary>
    public Task<int> ExpireAsync(DbConnection connection) =>
        connection.ExecuteAsync("""
            UPDATE outbox SET status = 'cancelled', last_error = 'Not sent: it expired at ' || expires_at || ' (UTC) before it could go.'
            WHERE status = 'pending' AND expires_at <= @now
            """, new { now = Now() });

    public async Task<IReadOnlyList<DueMessage>> NextDueAsync(DbConnection connection, int limit)
    {
        var rows = await connection.QueryAsync<DueMessage>("""
            SELECT id AS Id, recipient AS Recipient, message_id AS MessageId, attempts AS Attempts, mime AS Mime, wire_size AS WireSize
            FROM outbox
            WHERE status = 'pending' AND next_attempt_at <= @now AND (expires_at IS NULL OR expires_at > @now)
            ORDER BY next_attempt_at, id
            LIMIT @limit
            """, new { now = Now(), limit });
        return rows.ToList();
    }

    /// <summary>What the senders of one run write through: the claim and 'sent' updates, the others in turn (see <see cref="DispatchRecorder"/>).</summary>
    public DispatchRecorder RecorderFor(DbConnection connection) => new(connection, clock);

    /// <summary>Returns a claimed row to the queue as it was, attempt not counted: the send failed for want of disk space, not because of the message.</summary>
    public Task PutBackAsync(DbConnection connection, long id, string error) =>
        connection.ExecuteAsync(
            "UPDATE outbox SET status = 'pending', attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END, last_error = @error WHERE id = @id AND status = 'sending'",
            new { id, error });

    public Task MarkFailedAsync(DbConnection connection, long id, string error) =>
        connection.ExecuteAsync(
            "UPDATE outbox SET status = 'failed', last_error = @error WHERE id = @id",
            new { id, error });

    /// <summary>Schedules the next attempt with exponential backoff, or marks the row failed after the last one; returns the next attempt or null.</summary>
    public async Task<DateTimeOffset?> MarkForRetryAsync(DbConnection connection, long id, long attemptsMade, string error)
    {
        if (attemptsMade >= options.Value.MaxAttempts)
        {
            await MarkFailedAsync(connection, id, $"Gave up after {attemptsMade} attempts. Last error: {error}");
            return null;
        }

        var next = clock.GetUtcNow() + options.Value.RetryDelay((int)attemptsMade);
        await connection.ExecuteAsync(
            "UPDATE outbox SET status = 'pending', next_attempt_at = @next, last_error = @error WHERE id = @id",
            new { id, next = DapperSetup.Format(next), error });
        return next;
    }

    /// <summary>Left in app_meta while the mail server cannot be reached, so `outbox list` can tell staff why nothing leaves.</summary>
    public Task NoteConnectionProblemAsync(DbConnection connection, string? problem) => problem is null
        ? AppMeta.RemoveAsync(connection, ConnectionProblemKey)
        : AppMeta.SetAsync(connection, ConnectionProblemKey, $"{Now()} {problem}");

    public static Task<string?> ReadConnectionProblemAsync(DbConnection connection) =>
        AppMeta.GetAsync(connection, ConnectionProblemKey);

    private const string ConnectionProblemKey = "outbox.connection_problem";

    private string Now() => DapperSetup.Format(clock.GetUtcNow());
}
