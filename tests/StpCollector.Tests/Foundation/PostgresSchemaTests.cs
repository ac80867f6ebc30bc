using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using StpCollector.Storage;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Foundation;

/// <summary>
/// The two stores must hold the same tables and columns at every version, or db copy and the feature SQL would part ways:
/// both migration sets are applied for real (a SQLite file, a database on the test PostgreSQL) and their catalogues compared.
/// </summary>
// Chooses its stores itself (PostgreSQL, or both side by side): it runs once, in install/test's first pass.
[Category("ChoosesItsStore")]
public sealed class PostgresSchemaTests
{
    [Test]
    public void Every_SQLite_migration_has_a_PostgreSQL_twin_with_the_same_version_and_name()
    {
        var sqlite = Migrator.Known.Select(m => $"{m.Version:D4}_{m.Name}").ToList();
        var postgres = Migrator.KnownPostgres.Select(m => $"{m.Version:D4}_{m.Name}").ToList();
        Assert.That(postgres, Is.EqualTo(sqlite));
    }

    [Test]
    public async Task Both_stores_have_the_same_tables_and_columns_with_matching_types_after_migrating()
    {
        using var data = new TempDataDir();
        var sqliteFile = data.File("schema.db");
        var sqliteUrl = $"Data Source={sqliteFile};Pooling=False";
        var postgresDatabase = PostgresSandbox.Shared.CreateDatabase();
        try
        {
            foreach (var (provider, url) in new[] { ("Sqlite", ""), ("PostgreSql", PostgresSandbox.Shared.Url(postgresDatabase)) })
            {
                var environment = new Dictionary<string, string>
                {
                    ["STPCOLLECTOR__Storage__Provider"] = provider,
                    ["STPCOLLECTOR__Storage__ConnectionString"] = url,
                };
                var dir = data.File("store-" + provider);
                var (exit, _, stderr) = await AppProcess.RunAsync(["db", "migrate", "--data-dir", dir], environment);
                Assert.That(exit, Is.EqualTo(0), stderr);
                if (provider == "Sqlite")
                    File.Copy(Path.Combine(dir, "stpcollector.db"), sqliteFile);
            }

            var expected = await SqliteColumnsAsync(sqliteUrl);
            var actual = await PostgresColumnsAsync(postgresDatabase);
            Assert.That(expected, Is.Not.Empty);
            Assert.That(actual.Where(c => !c.StartsWith("qrtz_", StringComparison.Ordinal)), Is.EquivalentTo(expected));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            PostgresSandbox.Shared.DropDatabase(postgresDatabase);
        }
    }

    /// <summary>"table.column:kind" for every column, kind being what a reader gets back: integer, real, text or bytes.</summary>
    private static async Task<List<string>> SqliteColumnsAsync(string url)
    {
        await using var connection = new SqliteConnection(url);
        var columns = await connection.QueryAsync<(string Table, string Column, string Type)>("""
            SELECT m.name, c.name, c.type FROM sqlite_master m, pragma_table_info(m.name) c
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
            """);
        return columns.Select(c => $"{c.Table}.{c.Column}:{Kind(c.Type)}").ToList();
    }

    private static async Task<List<string>> PostgresColumnsAsync(string database)
    {
        await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={PostgresSandbox.Shared.Port};Username=postgres;Database={database};Pooling=false");
        var columns = await connection.QueryAsync<(string Table, string Column, string Type)>("""
            SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public'
            """);
        return columns.Select(c => $"{c.Table}.{c.Column}:{Kind(c.Type)}").ToList();
    }

    private static string Kind(string declared) => declared.ToUpperInvariant() switch
    {
        "INTEGER" or "BIGINT" => "integer",
        "REAL" or "DOUBLE PRECISION" => "real",
        "TEXT" => "text",
        "BLOB" or "BYTEA" => "bytes",
        var other => other,
    };
}
