using System.Data.Common;
using Dapper;
using StpCollector.Storage;

namespace StpCollector.Rounds;

/// <summary>What the ingestion pipeline records about a round, inside its own transaction.</summary>
internal static class RoundDelivery
{
    /// <summary>
    /// A return is late when it was received after the round's close (the close instant itself is on time). The one
    /// rule for lateness, wherever a return is stored. Compared to the millisecond, as both times are stored, so the
    /// flag always agrees with the times shown beside it.
    /// </summary>
    public static bool IsLate(DateTimeOffset closesAt, DateTimeOffset receivedAt) =>
        receivedAt.UtcTicks / TimeSpan.TicksPerMillisecond > closesAt.UtcTicks / TimeSpan.TicksPerMillisecond;

    public static async Task<bool> IsLateAsync(DbConnection connection, DbTransaction? transaction, long roundId, DateTimeOffset receivedAt)
    {
        var closesAt = await connection.QuerySingleAsync<DateTimeOffset>("SELECT closes_at FROM rounds WHERE id = @roundId", new { roundId }, transaction);
        return IsLate(closesAt, receivedAt);
    }

    /// <summary>
    /// Marks the council bounced when a delivery failure report comes back for its invitation or one of its reminders;
    /// <paramref name="outboxId"/> is the row whose Message-ID the report quotes. Returns false when it is not a round's mail.
    /// Bounced councils get no further reminders, and `round show` lists the reason.
    /// </summary>
    public static async Task<bool> RecordBounceAsync(DbConnection connection, DbTransaction? transaction, long outboxId, string reason, DateTimeOffset at)
    {
        var updated = await connection.ExecuteAsync("""
            UPDATE round_councils SET bounced_at = @at, bounce_reason = @reason
            WHERE invitation_outbox_id = @outboxId
               OR (round_id, council_code) IN (SELECT round_id, council_code FROM round_reminders WHERE outbox_id = @outboxId)
            """, new { outboxId, reason, at = DapperSetup.Format(at) }, transaction);
        return updated > 0;
    }
}
