using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;
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

    private static readonly Lazy<IReadOnlyList<Migration>> Embedded = new(LoadEmbedded);

    public static IReadOnlyList<Migration> Known => Embedded.Value;

    /// <summary>The embedded migrations' versions, from their resource names alone: their SQL is read only when one is to be applied.</summary>
    private static readonly List<int> KnownVersions = EmbeddedVersions();

    public static int LatestVersion { get; } = KnownVersions.Count == 0 ? 0 : KnownVersions.Max();

    public async Task<int> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
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
        var applied = (await connection.QueryAsync<int>("SELECT version FROM schema_migrations")).ToHashSet();
        var newest = applied.Count == 0 ? 0 : applied.Max();
        if (newest > LatestVersion)
        {
            throw new UnavailableProblem(
                $"The database {database.FilePath} has schema version {newest}, but this StpCollector only knows up to {LatestVersion}. " +
                "It was written by a newer release: run that release, or restore a backup made with this one.");
        }

        var count = 0;
        foreach (var migration in Known.Where(m => !applied.Contains(m.Version)))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await connection.ExecuteAsync(migration.Sql, transaction: transaction);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)",
                new { migration.Version, migration.Name, AppliedAt = DapperSetup.Format(clock.GetUtcNow()) },
                transaction);
            await connection.ExecuteAsync($"PRAGMA user_version = {migration.Version};", transaction: transaction);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Applied database migration {Version} {Name}", migration.Version, migration.Name);
            count++;
        }

        return count;
    }

    /// <summary>
    /// True when the database is in WAL mode and has every known migration and none newer; anything else (a new or
    /// older database, a gap left by a migration merged late, a newer release's database) takes the full path below.
    /// Plain commands, not Dapper: this runs before every verb, and Dapper's first use of a query shape costs more than the query.
    /// </summary>
    private static async Task<bool> IsCurrentAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        if (!string.Equals(await command.ExecuteScalarAsync(cancellationToken) as string, "wal", StringComparison.OrdinalIgnoreCase))
            return false;
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";
        if (await command.ExecuteScalarAsync(cancellationToken) is not 1L)
            return false;
        command.CommandText = "SELECT version FROM schema_migrations";
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

    private static List<int> EmbeddedVersions() =>
        Assembly.GetExecutingAssembly().GetManifestResourceNames()
            .Select(resource => MigrationName().Match(resource))
            .Where(match => match.Success)
            .Select(match => int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture))
            .ToList();

    private static List<Migration> LoadEmbedded()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = MigrationName().Match(resource);
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
    private static partial Regex MigrationName();
}
