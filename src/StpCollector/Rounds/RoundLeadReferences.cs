using Dapper;
using Microsoft.Data.Sqlite;
using StpCollector.Contacts;

namespace StpCollector.Rounds;

/// <summary>A removed lead leaves the rounds that invited it: their record stays, with no contact reference, so it gets nothing further.</summary>
internal sealed class RoundLeadReferences : IContactReferences
{
    public Task ReleaseAsync(IReadOnlyList<long> contactIds, SqliteConnection connection, SqliteTransaction transaction) =>
        connection.ExecuteAsync("UPDATE round_councils SET contact_id = NULL WHERE contact_id IN @contactIds", new { contactIds }, transaction);
}
