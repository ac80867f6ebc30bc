using System.Data.Common;
using Dapper;
using StpCollector.Storage;
using StpCollector.Contacts;

namespace StpCollector.Rounds;

/// <summary>A removed lead leaves the rounds that invited it: their record stays, with no contact reference, so it gets nothing further.</summary>
internal sealed class RoundLeadReferences : IContactReferences
{
    public Task ReleaseAsync(IReadOnlyList<long> contactIds, DbConnection connection, DbTransaction transaction) =>
        connection.ExecuteAsync($"UPDATE round_councils SET contact_id = NULL WHERE contact_id {connection.In("contactIds")}", new { contactIds }, transaction);

    /// <summary>A lead invited to a round still running: the round's record of whom it invited would be lost.</summary>
    public async Task<string?> HoldsAsync(IReadOnlyList<long> contactIds, DbConnection connection, DbTransaction transaction)
    {
        var rounds = (await connection.QueryAsync<string>($"""
            SELECT DISTINCT r.reference FROM round_councils rc JOIN rounds r ON r.id = rc.round_id
            WHERE rc.contact_id {connection.In("contactIds")} AND r.status IN ('scheduled', 'open') ORDER BY r.reference
            """, new { contactIds }, transaction)).ToList();
        return rounds.Count == 0 ? null
            : $"it is the lead that {string.Join(", ", rounds)} invited, and that round is still running: removing it would take it out of the round's record";
    }
}
