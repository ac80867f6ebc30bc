using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using StpCollector.Shared;

namespace StpCollector.Storage.Copy;

/// <summary>Which tables to copy and how: listed from the SQLite file, typed by the migrated PostgreSQL database.</summary>
internal static class CopyPlan
{
    /// <summary>The tables StpCollector keeps, less SQLite's own, the migrations' record (each side's migrator keeps its own) and Quartz's.</summary>
    public static async Task<List<string>> SourceTablesAsync(SqliteConnection source, SqliteTransaction transaction) =>
        (await source.QueryAsync<string>("""
            SELECT name FROM sqlite_master
            WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name NOT LIKE 'qrtz\_%' ESCAPE '\' AND name <> 'schema_migrations'
            ORDER BY name
            """, transaction: transaction)).ToList();

    public static async Task<List<CopiedTable>> BuildAsync(SqliteConnection source, SqliteTransaction transaction, NpgsqlConnection target, CancellationToken cancellationToken)
    {
        var targetColumns = (await target.QueryAsync<(string Table, string Column, string DataType, string IsIdentity)>(new CommandDefinition("""
            SELECT table_name, column_name, data_type, is_identity FROM information_schema.columns
            WHERE table_schema = current_schema()
            ORDER BY table_name, ordinal_position
            """, cancellationToken: cancellationToken)))
            .GroupBy(c => c.Table, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        var tables = new List<CopiedTable>();
        foreach (var name in await SourceTablesAsync(source, transaction))
        {
            var sourceColumns = (await source.QueryAsync<(string Name, long Pk)>(
                "SELECT name, pk FROM pragma_table_info(@name)", new { name }, transaction)).ToList();
            if (!targetColumns.TryGetValue(name, out var columns))
            {
                if (await source.ExecuteScalarAsync<long>($"SELECT count(*) FROM {CopiedTable.Quote(name)}", transaction: transaction) == 0)
                    continue;
                throw new UnavailableProblem($"The SQLite file has a table {name} with rows in it that the PostgreSQL schema does not have, so they would be lost. Nothing was copied.");
            }

            var missing = sourceColumns.Select(c => c.Name).Except(columns.Select(c => c.Column), StringComparer.Ordinal)
                .Concat(columns.Select(c => c.Column).Except(sourceColumns.Select(c => c.Name), StringComparer.Ordinal))
                .ToList();
            if (missing.Count > 0)
                throw new UnavailableProblem($"Table {name} has different columns in the SQLite file and in PostgreSQL ({string.Join(", ", missing)}), although both are at schema version {Migrator.LatestVersion}. Nothing was copied.");

            var copied = columns.Select(c => new CopiedColumn(c.Column,
                CopiedColumn.KindOf(c.DataType) ?? throw new UnavailableProblem($"Column {name}.{c.Column} is of PostgreSQL type {c.DataType}, which db copy does not know. Nothing was copied."),
                c.IsIdentity == "YES")).ToList();
            var key = sourceColumns.Where(c => c.Pk > 0).OrderBy(c => c.Pk).Select(c => c.Name).ToList();
            var parents = (await source.QueryAsync<string>(
                "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(@name)", new { name }, transaction)).ToHashSet(StringComparer.Ordinal);
            tables.Add(new CopiedTable(name, copied, key.Count > 0 ? key : copied.Select(c => c.Name).ToList(), parents));
        }

        return tables;
    }
}
