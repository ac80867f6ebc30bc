using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace StpCollector.Storage.Copy;

/// <summary>One table's rows: sent with binary COPY, and read back in the same key order for the same checksum.</summary>
internal static class TableTransfer
{
    /// <summary>Copies the table and returns the rows read from SQLite and their checksum, taken from the values as sent.</summary>
    public static async Task<(long Rows, string Checksum)> CopyAsync(
        SqliteConnection source, SqliteTransaction snapshot, NpgsqlConnection target, CopiedTable table, CancellationToken cancellationToken)
    {
        using var checksum = new RowChecksum();
        await using var command = source.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = $"SELECT {table.ColumnList} FROM {table.Quoted} ORDER BY {table.SqliteOrder}";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await using var importer = await target.BeginBinaryImportAsync($"COPY {table.Quoted} ({table.ColumnList}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            await importer.StartRowAsync(cancellationToken);
            for (var i = 0; i < table.Columns.Count; i++)
            {
                var column = table.Columns[i];
                var value = column.FromSqlite(reader.GetValue(i), table.Name, () => KeyOf(table, reader));
                checksum.Add(value);
                var write = value switch
                {
                    null => importer.WriteNullAsync(cancellationToken),
                    long number => importer.WriteAsync(number, column.DbType, cancellationToken),
                    double number => importer.WriteAsync(number, column.DbType, cancellationToken),
                    string text => importer.WriteAsync(text, column.DbType, cancellationToken),
                    byte[] bytes => importer.WriteAsync(bytes, column.DbType, cancellationToken),
                    _ => throw new InvalidOperationException($"{table.Name}.{column.Name}: no COPY form for a {value.GetType().Name}"),
                };
                await write;
            }

            checksum.EndRow();
        }

        await importer.CompleteAsync(cancellationToken);
        return (checksum.Rows, checksum.Finish());
    }

    /// <summary>The table's rows as PostgreSQL now holds them, in the key order the copy read SQLite in.</summary>
    public static async Task<(long Rows, string Checksum)> ChecksumAsync(NpgsqlConnection target, CopiedTable table, CancellationToken cancellationToken)
    {
        using var checksum = new RowChecksum();
        await using var command = target.CreateCommand();
        command.CommandText = $"SELECT {table.ColumnList} FROM {table.Quoted} ORDER BY {table.PostgresOrder}";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            for (var i = 0; i < table.Columns.Count; i++)
            {
                checksum.Add(await reader.IsDBNullAsync(i, cancellationToken) ? null : table.Columns[i].Kind switch
                {
                    ColumnKind.Integer => reader.GetInt64(i),
                    ColumnKind.Double => reader.GetDouble(i),
                    ColumnKind.Text => reader.GetString(i),
                    _ => reader.GetFieldValue<byte[]>(i),
                });
            }

            checksum.EndRow();
        }

        return (checksum.Rows, checksum.Finish());
    }

    /// <summary>The copy keeps every id; the identity then has to start after the highest, or the next insert would collide.</summary>
    public static async Task ContinueIdsAsync(NpgsqlConnection target, CopiedTable table, CancellationToken cancellationToken)
    {
        foreach (var column in table.Columns.Where(c => c.IsIdentity))
        {
            await target.ExecuteAsync(new CommandDefinition(
                $"SELECT setval(pg_get_serial_sequence(@table, @column), coalesce(max({CopiedTable.Quote(column.Name)}), 0) + 1, false) FROM {table.Quoted}",
                new { table = table.Quoted, column = column.Name }, cancellationToken: cancellationToken));
        }
    }

    private static string KeyOf(CopiedTable table, DbDataReader reader) =>
        "with " + string.Join(", ", table.Key.Select(k => $"{k} {Convert.ToString(reader.GetValue(reader.GetOrdinal(k)), System.Globalization.CultureInfo.InvariantCulture)}"));
}
