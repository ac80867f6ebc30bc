using Dapper;
using Microsoft.Data.Sqlite;

namespace StpCollector.Reference;

/// <summary>A council named in a reply, a file or a command, inside the caller's transaction.</summary>
internal static class CouncilLookup
{
    /// <summary>A council by ONS code or by name (any case); null when unknown.</summary>
    public static Task<(string Code, string Name)?> FindAsync(SqliteConnection connection, SqliteTransaction? transaction, string key) =>
        connection.QueryFirstOrDefaultAsync<(string Code, string Name)?>(
            "SELECT code, name FROM councils WHERE code = @key COLLATE NOCASE OR name = @key COLLATE NOCASE ORDER BY code = @key COLLATE NOCASE DESC",
            new { key = key.Trim() }, transaction);
}
