using SQLitePCL;

namespace StpCollector.Ingestion;

/// <summary>
/// A prepared statement bound and stepped through SQLitePCLRaw directly. The bulk import's hot loop uses this
/// instead of ADO.NET commands: per-call overhead there, not parsing, is what bounds import speed.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 db;
    private readonly sqlite3_stmt statement;

    public RawStatement(sqlite3 db, string sql)
    {
        this.db = db;
        Check(raw.sqlite3_prepare_v2(db, sql, out statement));
    }

    public RawStatement Text(int index, string? value)
    {
        Check(value is null ? raw.sqlite3_bind_null(statement, index) : raw.sqlite3_bind_text(statement, index, value));
        return this;
    }

    /// <summary>Binds text already encoded as UTF-8 (the hot loop encodes each distinct answer once).</summary>
    public RawStatement Utf8(int index, byte[]? value)
    {
        Check(value is null ? raw.sqlite3_bind_null(statement, index) : raw.sqlite3_bind_text(statement, index, value.AsSpan()));
        return this;
    }

    public RawStatement Int(int index, long value)
    {
        Check(raw.sqlite3_bind_int64(statement, index, value));
        return this;
    }

    public RawStatement Real(int index, double? value)
    {
        Check(value is { } v ? raw.sqlite3_bind_double(statement, index, v) : raw.sqlite3_bind_null(statement, index));
        return this;
    }

    /// <summary>Runs the statement to completion and resets it for the next row; returns the last inserted rowid.</summary>
    public long Run()
    {
        var rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
            throw new Microsoft.Data.Sqlite.SqliteException($"SQLite error {rc}: {raw.sqlite3_errmsg(db).utf8_to_string()}", rc);
        return raw.sqlite3_last_insert_rowid(db);
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
            throw new Microsoft.Data.Sqlite.SqliteException($"SQLite error {rc}: {raw.sqlite3_errmsg(db).utf8_to_string()}", rc);
    }

    public void Dispose() => statement.Dispose();
}
