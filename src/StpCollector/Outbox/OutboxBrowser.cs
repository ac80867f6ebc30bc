using Dapper;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Outbox;

internal sealed record OutboxEntry(
    long Id, string Kind, string? Topic, string? CouncilCode, string Recipient, string Subject, string MessageId,
    string Status, long Attempts, DateTimeOffset NextAttemptAt, string? LastError, DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt, DateTimeOffset? InterruptedAt, DateTimeOffset? ExpiresAt);

/// <summary>What staff see of the outbox, and the two changes they make to it: send a message again, or cancel it.</summary>
internal sealed class OutboxBrowser(Database database, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> Statuses = ["pending", "sending", "sent", "failed", "cancelled"];

    /// <summary>The kinds of message StpCollector sends; --kind also accepts any kind already in the outbox.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["invitation", "reminder", "receipt", "bulletin", "feedback_ack", "faq_notice", "foi_request", "foi_chaser"];

    private const string SelectEntries = """
        SELECT id AS Id, kind AS Kind, topic AS Topic, council_code AS CouncilCode, recipient AS Recipient, subject AS Subject,
               message_id AS MessageId, status AS Status, attempts AS Attempts, next_attempt_at AS NextAttemptAt,
               last_error AS LastError, created_at AS CreatedAt, sent_at AS SentAt, interrupted_at AS InterruptedAt, expires_at AS ExpiresAt
        FROM outbox
        """;

    /// <summary>Newest first; <paramref name="before"/> continues a long list after the last message already shown.</summary>
    public async Task<IReadOnlyList<OutboxEntry>> ListAsync(string? status, string? kind, string? topic, int limit, CancellationToken cancellationToken,
        long? before = null)
    {
        if (status is not null && !Statuses.Contains(status))
            throw new InvalidInputProblem($"--status '{status}' is not a status. Use one of: {string.Join(", ", Statuses)}.", field: "status");
        await using var connection = await database.OpenAsync(cancellationToken);
        if (kind is not null && !Kinds.Contains(kind))
        {
            var known = Kinds.Union(await connection.QueryAsync<string>("SELECT DISTINCT kind FROM outbox")).ToList();
            if (!known.Contains(kind))
                throw new InvalidInputProblem($"--kind '{kind}' is not a kind of message. Use one of: {string.Join(", ", known)}.", field: "kind");
        }

        var rows = await connection.QueryAsync<OutboxEntry>($"""
            {SelectEntries}
            WHERE (@status IS NULL OR status = @status) AND (@kind IS NULL OR kind = @kind) AND (@topic IS NULL OR topic = @topic)
              AND (@before IS NULL OR id < @before)
            ORDER BY id DESC
            LIMIT @limit
            """, new { status, kind, topic, limit, before });
        return rows.ToList();
    }

    public async Task<(OutboxEntry Entry, byte[] Mime)> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var entry = await connection.QuerySingleOrDefaultAsync<OutboxEntry>($"{SelectEntries} WHERE id = @id", new { id })
            ?? throw new NotFoundProblem($"There is no outbox message {id}. See: stpcollector outbox list");
        var mime = await connection.QuerySingleAsync<byte[]>("SELECT mime FROM outbox WHERE id = @id", new { id });
        return (entry, mime);
    }

    /// <summary>How many messages wait to be sent (pending, or being sent now), for `status`.</summary>
    public async Task<long> BacklogAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')");
    }

    public async Task<string?> ConnectionProblemAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await OutboxQueue.ReadConnectionProblemAsync(connection);
    }

    /// <summary>Puts a failed or cancelled message back in the queue (or brings a waiting one forward) with fresh attempts.</summary>
    public async Task<OutboxEntry> RetryAsync(long id, CancellationToken cancellationToken)
    {
        var (entry, _) = await GetAsync(id, cancellationToken);
        if (entry.Status is "sent")
            throw new ConflictProblem($"Outbox message {id} was already sent at {DapperSetup.Format(entry.SentAt!.Value)}; sending it again would give {entry.Recipient} a second copy.");
        if (entry.ExpiresAt is { } expires && expires <= clock.GetUtcNow())
            throw new ConflictProblem($"Outbox message {id} expired at {DapperSetup.Format(expires)} (e.g. its round closed); it is no longer useful to send.");
        if (entry.Status is "sending")
            throw new ConflictProblem($"Outbox message {id} is being sent right now; check again in a moment.");

        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("""
            UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = @now
            WHERE id = @id AND status IN ('pending', 'failed', 'cancelled')
            """, new { id, now = DapperSetup.Format(clock.GetUtcNow()) });
        return (await GetAsync(id, cancellationToken)).Entry;
    }

    /// <summary>
    /// Withdraws a message that is waiting or failed, so it is never sent. The change is made only while the message is
    /// still in one of those states, so a dispatcher claiming it at the same moment either sends it or sees it cancelled.
    /// </summary>
    public async Task<OutboxEntry> CancelAsync(long id, CancellationToken cancellationToken)
    {
        var (entry, _) = await GetAsync(id, cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(
            "UPDATE outbox SET status = 'cancelled' WHERE id = @id AND status IN ('pending', 'failed')", new { id });
        if (changed == 1)
            return (await GetAsync(id, cancellationToken)).Entry;

        var (now, _) = await GetAsync(id, cancellationToken);
        throw now.Status switch
        {
            "sent" => new ConflictProblem($"Outbox message {id} was already sent at {DapperSetup.Format(now.SentAt!.Value)}; it cannot be called back."),
            "sending" => new ConflictProblem($"Outbox message {id} is being sent right now; check again in a moment."),
            "cancelled" => new ConflictProblem($"Outbox message {id} is already cancelled{(entry.Status == "cancelled" ? "" : " (by someone else a moment ago)")}."),
            _ => new ConflictProblem($"Outbox message {id} is {now.Status} and cannot be cancelled."),
        };
    }
}
