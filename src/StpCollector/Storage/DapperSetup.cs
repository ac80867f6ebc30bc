using System.Data;
using System.Globalization;
using Dapper;

namespace StpCollector.Storage;

/// <summary>
/// Timestamps are stored as UTC text with a fixed width ("2026-11-22T09:00:00.000Z") so that SQL can
/// compare them as strings and every writer produces the same form.
/// </summary>
internal static class DapperSetup
{
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
    private static int registered;

    public static void EnsureRegistered()
    {
        if (Interlocked.Exchange(ref registered, 1) == 1)
            return;
        // Dapper maps these types to DbTypes of its own before it looks for a handler, so without removing the
        // built-in mapping a DateTimeOffset parameter would be written as "2026-11-22 16:00:00+00:00" and compare
        // wrongly with the fixed-width text every other writer stores.
        foreach (var type in new[] { typeof(DateTimeOffset), typeof(DateTimeOffset?), typeof(DateOnly), typeof(DateOnly?) })
            SqlMapper.RemoveTypeMap(type);
        SqlMapper.TypeMapProvider = type => new UntypedColumnTypeMap(type);
        SqlMapper.AddTypeHandler(typeof(DateTimeOffset), new TextHandler<DateTimeOffset>(Format, ParseTimestamp));
        // Flags are 0/1 integers in both stores (SQLite has no boolean type). SQLite binds a bool as 0/1 by itself;
        // PostgreSQL would send a boolean and refuse to compare or store it in an integer column.
        SqlMapper.RemoveTypeMap(typeof(bool));
        SqlMapper.RemoveTypeMap(typeof(bool?));
        SqlMapper.AddTypeHandler(typeof(bool), new FlagHandler());
        SqlMapper.AddTypeHandler(typeof(DateOnly), new TextHandler<DateOnly>(
            d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            t => DateOnly.ParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture)));
    }

    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTimestamp(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>
    /// Untyped handlers, because Dapper hands a NULL single-column value (e.g. SELECT max(sent_at)) straight to the
    /// handler when the target is nullable; it becomes null instead of a cast error.
    /// </summary>
    private sealed class TextHandler<T>(Func<T, string> format, Func<string, T> parse) : SqlMapper.ITypeHandler where T : struct
    {
        public void SetValue(IDbDataParameter parameter, object value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = value is T typed ? format(typed) : DBNull.Value;
        }

        public object? Parse(Type destinationType, object value) => value is DBNull or null ? null : parse((string)value);
    }

    private sealed class FlagHandler : SqlMapper.ITypeHandler
    {
        public void SetValue(IDbDataParameter parameter, object value)
        {
            parameter.DbType = DbType.Int64;
            parameter.Value = value is bool flag ? (flag ? 1L : 0L) : DBNull.Value;
        }

        public object? Parse(Type destinationType, object value) => value switch
        {
            DBNull or null => null,
            bool flag => flag,
            _ => Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0,
        };
    }
}
