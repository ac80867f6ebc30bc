using System.Data.Common;
using Dapper;
using StpCollector.Storage;

namespace StpCollector.Reports;

/// <summary>A current return recorded in a period: which round, which council, when it arrived.</summary>
internal sealed record RecentReturn(string Reference, string Title, string Council, string ReceivedAt);

/// <summary>A round open now, with how many of its councils have answered.</summary>
internal sealed record OpenRoundStanding(string Reference, string Title, DateTimeOffset ClosesAt, int Responded, int Invited, long Id = 0);

/// <summary>
/// What happened across rounds in a period, as a bulletin tells the network: returns recorded, rounds opened, rounds open now.
/// A cancelled round's returns are not news: they count nowhere these figures are quoted.
/// </summary>
internal static class RoundActivity
{
    // "Recorded in the period" means recorded by StpCollector then (created_at, our clock): a reply that reached the
    // mailbox just before the last bulletin but was read just after it is new to the next one, and a sender's clock
    // (the Date: header) plays no part.
    public static async Task<IReadOnlyList<RecentReturn>> ReturnsRecordedAsync(DbConnection connection, DateTimeOffset from, DateTimeOffset until) =>
        (await connection.QueryAsync<RecentReturn>("""
            SELECT r.reference AS Reference, r.title AS Title, c.name AS Council, x.received_at AS ReceivedAt
            FROM returns x
            JOIN rounds r ON r.id = x.round_id
            JOIN councils c ON c.code = x.council_code
            WHERE x.created_at > @from AND x.created_at <= @until AND x.is_current = 1 AND r.status <> 'cancelled'
            ORDER BY r.opens_at DESC, c.name
            """, new { from = DapperSetup.Format(from), until = DapperSetup.Format(until) })).ToList();

    public static Task<int> RoundsOpenedAsync(DbConnection connection, DateTimeOffset from, DateTimeOffset until) =>
        connection.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM rounds WHERE opened_at > @from AND opened_at <= @until AND status <> 'cancelled'",
            new { from = DapperSetup.Format(from), until = DapperSetup.Format(until) });

    /// <summary>Rounds open now, the one closing first first.</summary>
    public static async Task<IReadOnlyList<OpenRoundStanding>> OpenRoundsAsync(DbConnection connection)
    {
        var rows = await connection.QueryAsync<(string Reference, string Title, string ClosesAt, long Responded, long Invited, long Id)>("""
            SELECT r.reference, r.title, r.closes_at,
                   (SELECT count(*) FROM returns x WHERE x.round_id = r.id AND x.is_current = 1),
                   (SELECT count(*) FROM round_councils rc WHERE rc.round_id = r.id), r.id
            FROM rounds r WHERE r.status = 'open' ORDER BY r.closes_at
            """);
        return rows.Select(r => new OpenRoundStanding(r.Reference, r.Title, DapperSetup.ParseTimestamp(r.ClosesAt), (int)r.Responded, (int)r.Invited, r.Id)).ToList();
    }
}
