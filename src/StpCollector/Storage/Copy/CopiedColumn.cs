using System.Globalization;
using System.Text;
using NpgsqlTypes;
using StpCollector.Shared;

namespace StpCollector.Storage.Copy;

/// <summary>A column as PostgreSQL declares it; the migrations' twins only use these four types.</summary>
internal enum ColumnKind
{
    Integer,
    Double,
    Text,
    Bytes,
}

internal sealed record CopiedColumn(string Name, ColumnKind Kind, bool IsIdentity)
{
    public NpgsqlDbType DbType => Kind switch
    {
        ColumnKind.Integer => NpgsqlDbType.Bigint,
        ColumnKind.Double => NpgsqlDbType.Double,
        ColumnKind.Text => NpgsqlDbType.Text,
        _ => NpgsqlDbType.Bytea,
    };

    /// <summary>The kind for PostgreSQL's information_schema data_type, or null for a type the twins never use.</summary>
    public static ColumnKind? KindOf(string dataType) => dataType switch
    {
        "bigint" => ColumnKind.Integer,
        "double precision" => ColumnKind.Double,
        "text" => ColumnKind.Text,
        "bytea" => ColumnKind.Bytes,
        _ => null,
    };

    /// <summary>
    /// SQLite types values, not columns: what a row holds is taken as it is when it already fits, converted when nothing
    /// can be lost (a whole number in a REAL or TEXT column), and refused otherwise, naming the row, rather than copied wrong.
    /// </summary>
    public object? FromSqlite(object value, string table, Func<string> rowKey) => (value, Kind) switch
    {
        (DBNull, _) => null,
        (long number, ColumnKind.Integer) => number,
        (long number, ColumnKind.Double) => (double)number,
        (double number, ColumnKind.Double) => number,
        (string text, ColumnKind.Text) => text,
        (long number, ColumnKind.Text) => number.ToString(CultureInfo.InvariantCulture),
        (double number, ColumnKind.Text) => number.ToString("R", CultureInfo.InvariantCulture),
        (byte[] bytes, ColumnKind.Bytes) => bytes,
        (string text, ColumnKind.Bytes) => Encoding.UTF8.GetBytes(text),
        _ => throw new UnprocessableProblem(
            $"The row {rowKey()} of table {table} holds {Describe(value)} in column {Name}, which PostgreSQL keeps as {Wanted}. " +
            "Nothing was copied. Correct that row in the SQLite file (or ask for help), then run db copy again."),
    };

    private string Wanted => Kind switch
    {
        ColumnKind.Integer => "whole numbers",
        ColumnKind.Double => "numbers",
        ColumnKind.Text => "text",
        _ => "bytes",
    };

    private static string Describe(object value) => value switch
    {
        string text => $"the text '{(text.Length > 40 ? text[..40] + "..." : text)}'",
        byte[] bytes => $"{bytes.Length} bytes of binary data",
        double number => $"the number {number.ToString("R", CultureInfo.InvariantCulture)}",
        _ => $"the value {Convert.ToString(value, CultureInfo.InvariantCulture)}",
    };
}
