using System.Data.Common;
using Dapper;

namespace StpCollector.Storage;

/// <summary>
/// Small key-value state that features keep between runs (the seeds' hash, the mail server's last connection problem).
/// Each call runs on the caller's connection and, when given, inside its transaction, so a feature's own change and its note commit together.
/// </summary>
internal static class AppMeta
{
    /// <summary>On PostgreSQL, the reply-token key a worker generated, which every worker of the cluster signs with.</summary>
    public const string ReplyTokenKey = "reply_token_key";

    /// <summary>The key's value, storing <paramref name="value"/> first when it has none: the first caller's value wins.</summary>
    public static string GetOrAdd(DbConnection connection, string key, string value)
    {
        connection.Execute("INSERT INTO app_meta (key, value) VALUES (@key, @value) ON CONFLICT (key) DO NOTHING", new { key, value });
        return connection.QuerySingle<string>("SELECT value FROM app_meta WHERE key = @key", new { key });
    }

    public static Task<string?> GetAsync(DbConnection connection, string key, DbTransaction? transaction = null) =>
        connection.QuerySingleOrDefaultAsync<string?>("SELECT value FROM app_meta WHERE key = @key", new { key }, transaction);

    /// <summary>
    /// Several keys in one read, as a plain command rather than Dapper: start-up reads these before every verb, and
    /// Dapper's first query with parameters costs more than the query itself. Keys without a value are left out.
    /// </summary>
    public static async Task<Dictionary<string, string>> GetManyAsync(DbConnection connection, IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT key, value FROM app_meta WHERE key IN ({string.Join(", ", keys.Select((_, i) => $"@key{i}"))})";
        for (var i = 0; i < keys.Count; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@key{i}";
            parameter.Value = keys[i];
            command.Parameters.Add(parameter);
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            values[reader.GetString(0)] = reader.GetString(1);
        return values;
    }

    public static Task SetAsync(DbConnection connection, string key, string value, DbTransaction? transaction = null) =>
        connection.ExecuteAsync("""
            INSERT INTO app_meta (key, value) VALUES (@key, @value)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """, new { key, value }, transaction);

    public static Task RemoveAsync(DbConnection connection, string key, DbTransaction? transaction = null) =>
        connection.ExecuteAsync("DELETE FROM app_meta WHERE key = @key", new { key }, transaction);
}
