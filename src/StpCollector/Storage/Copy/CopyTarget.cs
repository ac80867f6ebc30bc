using System.Net.Sockets;
using Npgsql;
using StpCollector.Shared;

namespace StpCollector.Storage.Copy;

/// <summary>The PostgreSQL database named by --to, and what its errors mean in words staff can act on (never with the password).</summary>
internal sealed class CopyTarget
{
    public const string Field = "--to";

    private CopyTarget(NpgsqlConnectionStringBuilder builder)
    {
        Builder = builder;
        Description = PostgresConnectionString.Describe(builder);
    }

    public NpgsqlConnectionStringBuilder Builder { get; }

    /// <summary>"the PostgreSQL database stp on db.example:5432 as stp", for messages.</summary>
    public string Description { get; }

    private string Server => $"{Builder.Host}:{Builder.Port}";

    public static CopyTarget Parse(string to)
    {
        var builder = PostgresConnectionString.Parse(to, Field);
        if (string.IsNullOrWhiteSpace(builder.Host))
            throw new InvalidInputProblem("The address given to --to names no server. Write it as postgres://USER:PASSWORD@HOST:5432/DATABASE.", Field);
        if (string.IsNullOrWhiteSpace(builder.Database))
            throw new InvalidInputProblem("The address given to --to names no database. Write it as postgres://USER:PASSWORD@HOST:5432/DATABASE.", Field);
        // Copying and checking a large table may take a while; Ctrl+C still stops it, and the transaction then leaves nothing behind.
        builder.CommandTimeout = 0;
        return new CopyTarget(builder);
    }

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(Builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The problem to show for an error from the server or the network, or null when it is not one db copy can explain.</summary>
    public Problem? Explain(Exception exception)
    {
        var user = string.IsNullOrEmpty(Builder.Username) ? "the user given" : $"user {Builder.Username}";
        return exception switch
        {
            PostgresException { SqlState: PostgresErrorCodes.InvalidPassword } => new InvalidInputProblem(
                $"The PostgreSQL server at {Server} did not accept the password for {user}. Check the user name and password in --to; nothing was copied.", Field),
            PostgresException { SqlState: PostgresErrorCodes.InvalidAuthorizationSpecification } e => new InvalidInputProblem(
                $"The PostgreSQL server at {Server} does not let {user} sign in to the database {Builder.Database} ({e.MessageText}). " +
                "Check the user name in --to, or ask the server's administrator to allow it; nothing was copied.", Field),
            PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } => new InvalidInputProblem(
                $"There is no database named {Builder.Database} on the PostgreSQL server at {Server}. Create it first (createdb {Builder.Database}, or CREATE DATABASE in psql), then run db copy again.", Field),
            PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege } e => new UnavailableProblem(
                $"{Capitalised(user)} may not create or fill tables in {Description} ({e.MessageText}). " +
                $"Ask the server's administrator to make it the owner of the database {Builder.Database}; no data was copied."),
            PostgresException { SqlState: PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections } e => new UnavailableProblem(
                $"The PostgreSQL server at {Server} cannot take the connection now ({e.MessageText}). Try again in a minute; nothing was copied."),
            PostgresException e => new UnavailableProblem(
                $"PostgreSQL refused the copy into {Description}: {e.MessageText}{(string.IsNullOrEmpty(e.Detail) ? "" : $" ({e.Detail})")}. " +
                "Everything copied so far was rolled back, so the database holds no StpCollector data; the schema may be in place, which a new db copy accepts."),
            NpgsqlException e when e.Message.Contains("No password has been provided", StringComparison.OrdinalIgnoreCase) => new InvalidInputProblem(
                $"The PostgreSQL server at {Server} asks for a password for {user}, and --to gives none. Write it as postgres://USER:PASSWORD@HOST:PORT/DATABASE.", Field),
            NpgsqlException e when StoreProblems.Unreachable(e) is { } reason => new UnavailableProblem(
                $"Cannot reach the PostgreSQL server at {Server} ({reason}). Check the host and port in --to, that the server is running, " +
                "and that it accepts connections from this machine; nothing was copied."),
            _ => null,
        };
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
