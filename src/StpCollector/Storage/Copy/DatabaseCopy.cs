using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using StpCollector.Shared;

namespace StpCollector.Storage.Copy;

/// <summary>
/// Moves the data dir's SQLite database into an empty PostgreSQL database: the target is migrated to the same schema,
/// every table is copied with binary COPY in one transaction, and each is read back and compared (rows and a checksum)
/// before that transaction commits, so a failed or differing copy leaves no data behind.
/// </summary>
internal sealed class DatabaseCopy(AppPaths paths, IOptions<StorageOptions> options, TimeProvider clock, ILogger<Migrator> migratorLog,
    IEnumerable<ISharedFileOwner> fileOwners)
{
    /// <summary>
    /// Rows every start writes by itself (the seeds, the seed stamps, and the audit of `db` verbs, such as an earlier db
    /// copy that failed): a database holding only these holds no one's data yet, and they are replaced by the SQLite file's.
    /// The value, when there is one, says which rows of the table are of that kind.
    /// </summary>
    private static readonly Dictionary<string, string?> WrittenAtStart = new(StringComparer.Ordinal)
    {
        ["app_meta"] = null,
        ["footprints"] = null,
        ["councils"] = null,
        ["council_footprints"] = null,
        ["bank_holidays"] = null,
        ["audit_log"] = "record_type = 'db'",
    };

    /// <summary>
    /// PostgreSQL's trigger on bank_holidays skips a seed row whose date has a removal, as SQLite's does; with the holidays
    /// copied first, no removal is there yet to skip one. (Both tables are checked afterwards like every other.)
    /// </summary>
    private static readonly Dictionary<string, string> AlsoAfter = new(StringComparer.Ordinal) { ["bank_holiday_removals"] = "bank_holidays" };

    /// <summary>True when the configured store is PostgreSQL, so the copy reads the SQLite file that the data dir still holds.</summary>
    public bool SourceIsNotTheConfiguredStore => options.Value.Provider != StorageProvider.Sqlite;

    public string SourceFile => paths.DatabaseFile;

    public async Task<CopyOutcome> CopyAsync(string to, CancellationToken cancellationToken = default)
    {
        var target = CopyTarget.Parse(to);
        if (!File.Exists(paths.DatabaseFile))
            throw new NotFoundProblem($"There is no SQLite database to copy at {paths.DatabaseFile}. Give the data folder that holds it with --data-dir.");
        using var workerLock = HoldWorkerLock();
        await using var source = new Database(paths, Options.Create(new StorageOptions { BusyTimeoutSeconds = options.Value.BusyTimeoutSeconds }));
        // When the data lives in PostgreSQL already, start-up did not bring this file up to date.
        await new Migrator(source, clock, migratorLog).MigrateAsync(cancellationToken);
        try
        {
            return await CopyAsync(source, target, cancellationToken);
        }
        catch (Exception e) when (target.Explain(e) is { } problem)
        {
            throw problem;
        }
    }

    private async Task<CopyOutcome> CopyAsync(Database source, CopyTarget target, CancellationToken cancellationToken)
    {
        await using var postgres = await target.OpenAsync(cancellationToken);
        await using var sqlite = (SqliteConnection)await source.OpenAsync(cancellationToken);
        // One read transaction: every table is read from the same moment, whatever staff verbs write meanwhile.
        await using var snapshot = sqlite.BeginTransaction(deferred: true);
        var names = await CopyPlan.SourceTablesAsync(sqlite, snapshot);
        await RefuseDataAsync(postgres, target, names, cancellationToken);

        await using (var targetStore = new Database(paths, Options.Create(new StorageOptions
                     {
                         Provider = StorageProvider.PostgreSql,
                         ConnectionString = target.Builder.ConnectionString,
                         BusyTimeoutSeconds = options.Value.BusyTimeoutSeconds,
                     })))
        {
            // Refuses a database written by a newer StpCollector, as every start does.
            await new Migrator(targetStore, clock, migratorLog).MigrateAsync(cancellationToken);
        }

        var tables = CopiedTable.ParentsFirst(await CopyPlan.BuildAsync(sqlite, snapshot, postgres, cancellationToken), AlsoAfter);
        await using var transaction = await postgres.BeginTransactionAsync(cancellationToken);
        await RefuseDataAsync(postgres, target, names, cancellationToken);
        if (tables.Count > 0)
            await postgres.ExecuteAsync($"TRUNCATE {string.Join(", ", tables.Select(t => t.Quoted))}");

        var copied = new List<(CopiedTable Table, long Rows, string Checksum)>();
        foreach (var table in tables)
        {
            var (rows, checksum) = await TableTransfer.CopyAsync(sqlite, snapshot, postgres, table, cancellationToken);
            copied.Add((table, rows, checksum));
        }

        var results = new List<TableCopied>();
        foreach (var (table, rows, checksum) in copied)
        {
            var (targetRows, targetChecksum) = await TableTransfer.ChecksumAsync(postgres, table, cancellationToken);
            results.Add(new TableCopied(table.Name, rows, targetRows, checksum, targetChecksum));
        }

        // After the tables are compared: the FoI documents' paths change here to the keys PostgreSQL reads them by.
        results.Add(await FileTransfer.CopyAsync(sqlite, snapshot, postgres, paths, fileOwners, clock, cancellationToken));
        await CarryReplyTokenKeyAsync(postgres);

        var outcome = new CopyOutcome(paths.DatabaseFile, target.Description, results.OrderBy(r => r.Table, StringComparer.Ordinal).ToList());
        if (!outcome.Matches)
        {
            await transaction.RollbackAsync(cancellationToken);
            return outcome;
        }

        foreach (var table in tables)
            await TableTransfer.ContinueIdsAsync(postgres, table, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return outcome;
    }

    /// <summary>
    /// Replies to mail sent before the move carry tokens signed with the key the SQLite install generated into its data dir;
    /// on PostgreSQL every worker reads the key from the database, so that key goes there with the data.
    /// </summary>
    private async Task CarryReplyTokenKeyAsync(NpgsqlConnection postgres)
    {
        var file = Path.Combine(paths.SecretsDir, "reply-token.key");
        if (!File.Exists(file))
            return;
        await postgres.ExecuteAsync("""
            INSERT INTO app_meta (key, value) VALUES (@name, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """, new { name = AppMeta.ReplyTokenKey, value = (await File.ReadAllTextAsync(file)).Trim() });
    }

    private static async Task RefuseDataAsync(NpgsqlConnection postgres, CopyTarget target, IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var existing = (await postgres.QueryAsync<string>(new CommandDefinition(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()", cancellationToken: cancellationToken)))
            .ToHashSet(StringComparer.Ordinal);
        var holding = new List<string>();
        foreach (var name in names.Where(existing.Contains))
        {
            var startRows = WrittenAtStart.GetValueOrDefault(name, "false");
            if (startRows is null)
                continue;
            if (await postgres.ExecuteScalarAsync<bool>(new CommandDefinition(
                    $"SELECT EXISTS (SELECT 1 FROM {CopiedTable.Quote(name)} WHERE NOT ({startRows}))", cancellationToken: cancellationToken)))
                holding.Add(name);
        }

        if (holding.Count > 0)
        {
            throw new ConflictProblem(
                $"{char.ToUpperInvariant(target.Description[0])}{target.Description[1..]} already holds StpCollector data (in {string.Join(", ", holding)}). " +
                "db copy only fills an empty database, so it changed nothing there. Copy into a new, empty database instead " +
                "(createdb, or CREATE DATABASE in psql), or, if that data is not needed, drop and create this one again.", CopyTarget.Field);
        }
    }

    /// <summary>
    /// A worker writing to the SQLite file during the copy would write rows PostgreSQL never gets; holding its lock keeps one from
    /// running (or starting) meanwhile. The file name is the worker's (Hosting/WorkerLock.cs).
    /// </summary>
    private ExclusiveFileLock? HoldWorkerLock()
    {
        if (SourceIsNotTheConfiguredStore)
            return null;
        return ExclusiveFileLock.TryAcquire(Path.Combine(paths.DataDir, "worker.lock"))
            ?? throw new ConflictProblem(
                $"A worker is running on {paths.DataDir}. Stop it first, so that nothing it writes during the copy is left behind in SQLite, then run db copy again.");
    }
}
