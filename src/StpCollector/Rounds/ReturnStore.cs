using System.Data.Common;
using Dapper;
using StpCollector.Ingestion;
using StpCollector.Storage;

namespace StpCollector.Rounds;

/// <summary>A stored return: its id, and the return it replaced (or that replaced it, when it arrived out of order).</summary>
internal sealed record StoredReturn(long ReturnId, long? SupersededId, bool IsCurrent, bool Late);

/// <summary>
/// Stores a return and its answers inside the caller's transaction. The newest return (by received time) for a
/// council and round is current; the ones it replaces stay as history with superseded_by set.
/// </summary>
internal static class ReturnStore
{
    /// <summary>ReceivedAt is when the return reached StpCollector; DatedAt the sender's Date: header, kept for staff to compare.</summary>
    public sealed record NewReturn(long RoundId, string CouncilCode, string Source, string Provenance, string? Sender, DateTimeOffset ReceivedAt, long? InboundId,
        DateTimeOffset? DatedAt = null);

    public static async Task<StoredReturn> StoreAsync(DbConnection connection, DbTransaction transaction, NewReturn item, CheckedReturn checkedReturn, DateTimeOffset now)
    {
        var received = DapperSetup.Format(item.ReceivedAt);
        var current = await connection.QuerySingleOrDefaultAsync<(long Id, string ReceivedAt)?>(
            "SELECT id, received_at FROM returns WHERE round_id = @RoundId AND council_code = @CouncilCode AND is_current = 1", item, transaction);
        var late = await Rounds.RoundDelivery.IsLateAsync(connection, transaction, item.RoundId, item.ReceivedAt);
        // A return that arrives after a newer one (mail delivered out of order) becomes history straight away.
        var becomesCurrent = current is null || string.CompareOrdinal(received, current.Value.ReceivedAt) >= 0;
        if (current is not null && becomesCurrent)
            await connection.ExecuteAsync("UPDATE returns SET is_current = 0 WHERE id = @Id", new { current.Value.Id }, transaction);

        var id = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO returns (round_id, council_code, source, provenance, sender, received_at, late, is_current, superseded_by, created_at, inbound_id, dated_at)
            VALUES (@RoundId, @CouncilCode, @Source, @Provenance, @Sender, @received, @late, @isCurrent, @supersededBy, @now, @InboundId, @dated)
            RETURNING id
            """, new
        {
            item.RoundId, item.CouncilCode, item.Source, item.Provenance, item.Sender, received, late,
            isCurrent = becomesCurrent,
            supersededBy = becomesCurrent ? null : current?.Id,
            now = DapperSetup.Format(now),
            item.InboundId,
            dated = item.DatedAt is { } dated ? DapperSetup.Format(dated) : null,
        }, transaction);
        if (current is not null && becomesCurrent)
            await connection.ExecuteAsync("UPDATE returns SET superseded_by = @id WHERE id = @old", new { id, old = current.Value.Id }, transaction);

        await connection.ExecuteAsync("""
            INSERT INTO answers (return_id, question_id, raw_value, value, number_value, status, problem, note, comment)
            VALUES (@id, @QuestionId, @Raw, @Value, @Number, @StatusText, @Problem, @Note, @Comment)
            """, checkedReturn.Answers.Select(a => new { id, a.QuestionId, a.Raw, a.Value, a.Number, a.StatusText, a.Problem, a.Note, a.Comment }), transaction);
        return new StoredReturn(id, current?.Id, becomesCurrent, late);
    }
}
