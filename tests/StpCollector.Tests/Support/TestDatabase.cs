using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace StpCollector.Tests.Support;

/// <summary>
/// A connection of the test's own to a data dir's store, for looking at what the app wrote: the SQLite file in the dir,
/// or on the PostgreSQL pass the dir's database on the shared server.
/// </summary>
internal static class TestDatabase
{
    public static DbConnection Open(string dataDir)
    {
        DbConnection connection = PostgresSandbox.IsRunning && PostgresSandbox.Shared.DatabaseFor(dataDir) is { } database
            ? new NpgsqlConnection($"Host=127.0.0.1;Port={PostgresSandbox.Shared.Port};Username=postgres;Database={database};Pooling=false")
            : new SqliteConnection($"Data Source={Path.Combine(dataDir, "stpcollector.db")};Foreign Keys=True;Default Timeout=30;Pooling=False");
        connection.Open();
        return connection;
    }
}
