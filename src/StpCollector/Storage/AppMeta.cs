using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace StpCollector.Storage;

/// <summary>
/// Small key-value state that features keep between runs (the seeds' hash, the mail server's last connection problem).
/// Each call runs on the caller's connection and, when given, inside its transaction, so a feature's own change and its note commit together.
/// </summary>
internal static class AppMeta
{
    public static Task<string?> GetAsync(SqliteConnection connection, string key, DbTransaction? transaction = null) =>
        connection.QuerySingleOrDefaultAsync<string?>("SELECT value FROM app_meta WHERE key = @key", new { key }, transaction);

    public static Task SetAsync(SqliteConnection connection, string key, string value, DbTransaction? transaction = null) =>
        connection.ExecuteAsync("""
            INSERT INTO app_meta (key, value) VALUES (@key, @value)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """, new { key, value }, transaction);

    public static Task RemoveAsync(SqliteConnection connection, string key, DbTransaction? transaction = null) =>
        connection.ExecuteAsync("DELETE FROM app_meta WHERE key = @key", new { key }, transaction);
}
