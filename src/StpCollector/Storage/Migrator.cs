using System.Data.Common;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.Logging;
using StpCollector.Shared;

namespace StpCollector.Storage;

/// <summary>
/// Applies the numbered SQL files embedded from every feature's Migrations folder, each in its own
/// transaction, and refuses a database written by a newer StpCollector.
/// </summary>
internal sealed partial class Migrator(Database database, TimeProvider clock, ILogger<Migrator> logger)
{
    public sealed record Migration(int Version, string Name, string Sql);

    private static readonly Lazy<IReadOnlyList<Migration>> EmbeddedSqlite = new(() => LoadEmbedded(SqliteMigrationName()));
    private static readonly Lazy<IReadOnlyList<Migration>> EmbeddedPostgres = new(() => LoadEmbedded(PostgresMigrationName()));

    /// <summary>The SQLite migrations, in order.</summary>
    public static IReadOnlyList<Migration> Known => EmbeddedSqlite.Value;

    /// <summary>The PostgreSQL twins: the same versions and names, in PostgreSQL's dialect.</summary>
    public static IReadOnlyList<Migration> KnownPostgres => EmbeddedPostgres.Value;

    /// <summary>The embedded migrations' versions, from their resource names alone: their SQL is read only when one is to be applied.</summary>
    private static readonly List<int> KnownVersions = EmbeddedVersions(SqliteMigrationName());

    public static int LatestVersion { get; } = KnownVersions.Count == 0 ? 0 : KnownVersions.Max();

    /// <summary>Any number will do as long as it is the same in every StpCollector: it names the lock two starting workers take turns on.</summary>
    private const long PostgresMigrationLock = 0x5354_5043_4d49_47;

    public async Task<int> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (database.IsPostgreSql)
            return await MigratePostgresAsync(connection, cancellationToken);
        // Every verb starts here, and almost always the database is current: three reads say so, before any migration is loaded.
        if (await IsCurrentAsync(connection, cancellationToken))
            return 0;
        // Nothing is written when there is nothing to migrate, so read-only verbs still work on a full disk.
        if (!string.Equals(await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode;"), "wal", StringComparison.OrdinalIgnoreCase))
            await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");
        if (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'") == 0)
            await connection.ExecuteAsync("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    INTEGER PRIMARY KEY,
                name       TEXT NOT NULL,
                applied_at TEXT NOT NULL
            );
            """);
        return await ApplyAsync(connection, Known, "PRAGMA user_version = {0};", cancellationToken);
    }

    /// <summary>
    /// Workers on several machines may start together: a session lock on the server lets one migrate while the others
    /// wait, and each then finds the database current.
    /// </summary>
    private async Task<int> MigratePostgresAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (await IsCurrentPostgresAsync(connection, cancellationToken))
            return 0;
        await connection.ExecuteAsync("SELECT pg_advisory_lock(@key)", new { key = PostgresMigrationLock });
        try
        {
            await connection.ExecuteAsync("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    INTEGER PRIMARY KEY,
                    name       TEXT NOT NULL,
                    applied_at TEXT NOT NULL
                );
                """);
            return await ApplyAsync(connection, KnownPostgres, null, cancellationToken);
        }
        finally
        {
            await connection.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key = PostgresMigrationLock });
        }
    }

    private async Task<int> ApplyAsync(DbConnection connection, IReadOnlyList<Migration> known, string? stampFormat, CancellationToken cancellationToken)
    {
        var applied = (await connection.QueryAsync<int>("SELECT version FROM schema_migrations")).ToHashSet();
        var newest = applied.Count == 0 ? 0 : applied.Max();
        if (newest > LatestVersion)
        {
            throw new UnavailableProblem(
                $"{char.ToUpperInvariant(database.Description[0])}{database.Description[1..]} has schema version {newest}, but this StpCollector only knows up to {LatestVersion}. " +
                "It was written by a newer release: run that release, or restore a backup made with this one.");
        }

        var count = 0;
        foreach (var migration in known.Where(m => !applied.Contains(m.Version)))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await connection.ExecuteAsync(migration.Sql, transaction: transaction);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)",
                new { migration.Version, migration.Name, AppliedAt = DapperSetup.Format(clock.GetUtcNow()) },
                transaction);
            if (stampFormat is not null)
                await connection.ExecuteAsync(string.Format(CultureInfo.InvariantCulture, stampFormat, migration.Version), transaction: transaction);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Applied database migration {Version} {Name}", migration.Version, migration.Name);
            count++;
        }

        return count;
    }

    private static async Task<bool> IsCurrentPostgresAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT to_regclass('schema_migrations') IS NOT NULL";
        if (await command.ExecuteScalarAsync(cancellationToken) is not true)
            return false;
        command.CommandText = "SELECT version FROM schema_migrations";
        return await HoldsEveryKnownVersionAsync(command, cancellationToken);
    }

    /// <summary>
    /// True when the database is in WAL mode and has every known migration and none newer; anything else (a new or
    /// older database, a gap left by a migration merged late, a newer release's database) takes the full path below.
    /// Plain commands, not Dapper: this runs before every verb, and Dapper's first use of a query shape costs more than the query.
    /// </summary>
    private static async Task<bool> IsCurrentAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        if (!string.Equals(await command.ExecuteScalarAsync(cancellationToken) as string, "wal", StringComparison.OrdinalIgnoreCase))
            return false;
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";
        if (await command.ExecuteScalarAsync(cancellationToken) is not 1L)
            return false;
        command.CommandText = "SELECT version FROM schema_migrations";
        return await HoldsEveryKnownVersionAsync(command, cancellationToken);
    }

    private static async Task<bool> HoldsEveryKnownVersionAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var applied = new HashSet<int>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                applied.Add(reader.GetInt32(0));
        }

        // Two migrations sharing a version are reported by the full path, as before.
        return applied.IsSupersetOf(KnownVersions) && (applied.Count == 0 || applied.Max() <= LatestVersion)
               && KnownVersions.Distinct().Count() == KnownVersions.Count;
    }

    private static List<int> EmbeddedVersions(Regex migrationName) =>
        Assembly.GetExecutingAssembly().GetManifestResourceNames()
            .Select(resource => migrationName.Match(resource))
            .Where(match => match.Success)
            .Select(match => int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture))
            .ToList();

    private static List<Migration> LoadEmbedded(Regex migrationName)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = migrationName.Match(resource);
            if (!match.Success)
                continue;
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            migrations.Add(new Migration(int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture), match.Groups["name"].Value, reader.ReadToEnd()));
        }

        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"Two migrations share version {duplicate.Key}: {string.Join(", ", duplicate.Select(m => m.Name))}");
        return migrations.OrderBy(m => m.Version).ToList();
    }

    [GeneratedRegex(@"^Migrations/(?<version>\d{4})_(?<name>[\w-]+)\.sql$")]
    private static partial Regex SqliteMigrationName();

    [GeneratedRegex(@"^Migrations/PostgreSql/(?<version>\d{4})_(?<name>[\w-]+)\.sql$")]
    private static partial Regex PostgresMigrationName();
}
