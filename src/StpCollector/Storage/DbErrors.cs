using Microsoft.Data.Sqlite;
using Npgsql;

namespace StpCollector.Storage;

/// <summary>The few database errors features act on, recognised the same way on SQLite and PostgreSQL.</summary>
internal static class DbErrors
{
    private const int SqliteConstraint = 19;

    /// <summary>A UNIQUE or PRIMARY KEY constraint refused the row: the thing already exists.</summary>
    public static bool IsUniqueViolation(Exception exception) => exception switch
    {
        SqliteException e => e.SqliteErrorCode == SqliteConstraint && e.SqliteExtendedErrorCode is 2067 or 1555 or SqliteConstraint,
        PostgresException e => e.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>Any error the database itself raised (as opposed to a bug in the caller).</summary>
    public static bool IsDatabaseError(Exception exception) => exception is SqliteException or NpgsqlException;
}
