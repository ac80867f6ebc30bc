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

    public static IReadOnlyList<Migration> Known { get; } = LoadEmbedded();

    public static int LatestVersion => Known.Count == 0 ? 0 : Known[^1].Version;

    public async Task<int> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
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
            migrations.Add(new Migration(int.Parse(match.Groups["version"].Value), match.Groups["name"].Value, reader.ReadToEnd()));
        }

        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"Two migrations share version {duplicate.Key}: {string.Join(", ", duplicate.Select(m => m.Name))}");
        return migrations.OrderBy(m => m.Version).ToList();
    }

    [GeneratedRegex(@"^Migrations/(?<version>\d{4})_(?<name>[\w-]+)\.sql$")]
    private static partial Regex MigrationName();
}
