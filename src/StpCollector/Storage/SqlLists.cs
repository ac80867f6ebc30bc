using System.Data.Common;
using Npgsql;

namespace StpCollector.Storage;

/// <summary>
/// "Is this value in the list?" in each dialect. Dapper expands a list parameter into (@p1, @p2, ...) for SQLite, but
/// passes it to PostgreSQL as one array, which PostgreSQL tests with = ANY(...), not IN.
/// </summary>
internal static class SqlLists
{
    public static string In(this DbConnection connection, string parameter) =>
        connection is NpgsqlConnection ? $"= ANY(@{parameter})" : $"IN @{parameter}";
}
