using System.Net.Sockets;
using Npgsql;

namespace StpCollector.Shared;

/// <summary>
/// The configured PostgreSQL server failing in ways staff can put right (not reachable, a wrong password, no such
/// database), said in words that name the setting to check, instead of as an unexpected problem.
/// </summary>
internal static class StoreProblems
{
    private const string Setting = "STPCOLLECTOR__Storage__ConnectionString";

    public static string? Explain(Exception exception) => exception switch
    {
        PostgresException { SqlState: PostgresErrorCodes.InvalidPassword } =>
            $"The PostgreSQL server did not accept the user name and password in {Setting}. Check them there (the server's administrator can reset the password).",
        PostgresException { SqlState: PostgresErrorCodes.InvalidAuthorizationSpecification } e =>
            $"The PostgreSQL server does not let the user in {Setting} sign in ({e.MessageText}). Check the user there, or ask the server's administrator to allow it.",
        PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } e =>
            $"The PostgreSQL server has no such database ({e.MessageText}). Create it (createdb NAME, or CREATE DATABASE in psql) or correct the name in {Setting}.",
        PostgresException { SqlState: PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections } e =>
            $"The PostgreSQL server cannot take another connection now ({e.MessageText}). Try again in a minute; if it keeps happening, ask its administrator to raise max_connections.",
        PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege } e =>
            $"The user in {Setting} may not do this in the database ({e.MessageText}). Ask the server's administrator to make it the database's owner.",
        NpgsqlException e when Unreachable(e) is { } reason =>
            $"Cannot reach the PostgreSQL server named in {Setting} ({reason}). Check the host and port there, that the server is running, " +
            "and that it accepts connections from this machine.",
        _ => null,
    };

    /// <summary>Why the server could not be reached (a socket error, a timeout), or null when that is not what went wrong.</summary>
    public static string? Unreachable(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
                return socket.Message;
            if (inner is TimeoutException)
                return "no answer in time";
        }

        return exception.Message.StartsWith("Failed to connect", StringComparison.Ordinal) ? "the connection failed" : null;
    }
}
