using System.Data.Common;
using Dapper;
using StpCollector.Storage;

namespace StpCollector.Ingestion;

/// <summary>A row of inbound_messages being written: inserted when processing starts, finished with its outcome in the same transaction.</summary>
internal sealed class InboundRecord
{
    public long Id { get; set; }
    public required string Channel { get; init; }
    public required string SourceName { get; init; }
    public required InputKind Kind { get; init; }
    public string KindText => Kind.Text();
    public string? MessageId { get; init; }
    public required string ContentHash { get; init; }
    public required string ArchivePath { get; init; }
    public long Size { get; init; }
    public string? Sender { get; init; }
    public string? Subject { get; init; }
    public string? SentAt { get; init; }
    public required string ReceivedAt { get; init; }

    /// <summary>The Message-ID as recorded: without angle brackets, null when the message has none.</summary>
    public static string? MessageIdOf(MimeKit.MimeMessage? message) => message?.MessageId is { Length: > 0 } id ? id.Trim('<', '>') : null;

    public Task<long> InsertAsync(DbConnection connection, DbTransaction transaction) => connection.ExecuteScalarAsync<long>("""
        INSERT INTO inbound_messages (channel, source_name, kind, message_id, content_hash, archive_path, size, sender, subject, sent_at, received_at, outcome, reason)
        VALUES (@Channel, @SourceName, @KindText, @MessageId, @ContentHash, @ArchivePath, @Size, @Sender, @Subject, @SentAt, @ReceivedAt, 'failed', 'being processed')
        RETURNING id
        """, this, transaction);

    public Task FinishAsync(DbConnection connection, DbTransaction transaction, Outcome outcome) => connection.ExecuteAsync("""
        UPDATE inbound_messages SET outcome = @Name, reason = @Reason, match_method = @MatchMethod, round_id = @RoundId, council_code = @CouncilCode
        WHERE id = @id
        """, new { Name = outcome.Name.Text(), outcome.Reason, outcome.MatchMethod, outcome.RoundId, outcome.CouncilCode, id = Id }, transaction);

    /// <summary>The same message (Message-ID and content hash) seen before: count it, change nothing else, and say so.</summary>
    public static async Task<InboundResult?> FindDuplicateAsync(DbConnection connection, DbTransaction transaction, InboundRecord record, DateTimeOffset now)
    {
        var existing = await connection.QuerySingleOrDefaultAsync<(long Id, string Outcome, string ReceivedAt)?>("""
            SELECT id, outcome, received_at FROM inbound_messages
            WHERE COALESCE(message_id, '') = COALESCE(@MessageId, '') AND content_hash = @ContentHash
            """, record, transaction);
        if (existing is not { } found)
            return null;
        await connection.ExecuteAsync("UPDATE inbound_messages SET seen_again = seen_again + 1, last_seen_at = @now WHERE id = @Id",
            new { now = DapperSetup.Format(now), found.Id }, transaction);
        return new InboundResult(found.Id, found.Outcome,
            $"already ingested as #{found.Id} on {found.ReceivedAt[..10]} ({found.Outcome}); nothing changed", Duplicate: true);
    }
}
