using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using StpCollector.Shared;

namespace StpCollector.Storage;

/// <summary>
/// Opens connections to the configured store: the one SQLite file (foreign keys on, a busy timeout), or the PostgreSQL
/// database through one pooled data source.
/// </summary>
internal sealed class Database : IAsyncDisposable, IDisposable
{
    private readonly string connectionString;
    private readonly int busyTimeoutMs;
    private readonly NpgsqlDataSource? postgres;

    public Database(AppPaths paths, IOptions<StorageOptions> options)
    {
        FilePath = paths.DatabaseFile;
        Provider = options.Value.Provider;
        busyTimeoutMs = options.Value.BusyTimeoutSeconds * 1000;
        if (Provider == StorageProvider.PostgreSql)
        {
            var builder = PostgresConnectionString.Parse(options.Value.ConnectionString ?? "", "STPCOLLECTOR__Storage__ConnectionString");
            builder.CommandTimeout = Math.Max(builder.CommandTimeout, options.Value.BusyTimeoutSeconds);
            connectionString = builder.ConnectionString;
            Description = PostgresConnectionString.Describe(builder);
            postgres = NpgsqlDataSource.Create(builder);
        }
        else
        {
            connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = FilePath,
                ForeignKeys = true,
                DefaultTimeout = options.Value.BusyTimeoutSeconds,
                Pooling = true,
            }.ToString();
            Description = $"the database {FilePath}";
        }

        DapperSetup.EnsureRegistered();
    }

    public StorageProvider Provider { get; }

    public bool IsPostgreSql => Provider == StorageProvider.PostgreSql;

    /// <summary>The SQLite file in the data dir (also where it would be when the data lives in PostgreSQL).</summary>
    public string FilePath { get; }

    /// <summary>Where the data lives, in words for messages, without any password.</summary>
    public string Description { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (postgres is not null)
            return await postgres.OpenConnectionAsync(cancellationToken);
        // Tried afresh each time (no shortcut once the disk was found full), so a worker writes again as soon as there is room.
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = $"PRAGMA busy_timeout = {busyTimeoutMs}; PRAGMA synchronous = NORMAL;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        if (File.Exists(FilePath + "-shm") && new FileInfo(FilePath + "-shm").Length >= SharedMemoryBytes)
        {
            DiskSpace.ReadOnlyBecauseDiskFull = false;
            return connection;
        }

        try
        {
            // The first read of a WAL database creates its 32 KB -shm file, which fails on a full disk (SQLite error 10).
            pragma.CommandText = "PRAGMA schema_version;";
            await pragma.ExecuteScalarAsync(cancellationToken);
            DiskSpace.ReadOnlyBecauseDiskFull = false;
            return connection;
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SqliteIoError or SqliteFull && DiskSpace.FreeBytes(FilePath) < SharedMemoryBytes * 2)
        {
            await connection.DisposeAsync();
            DiskSpace.ReadOnlyBecauseDiskFull = true;
            return await OpenReadOnlyAsync(cancellationToken);
        }
    }

    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;
    private const int SharedMemoryBytes = 32 * 1024;

    /// <summary>
    /// With no room for the -shm file, SQLite can still read the file as immutable (no locks, no -shm): read-only
    /// verbs keep working on a full disk, and any write fails as read-only, which is reported as the disk being full.
    /// </summary>
    private async Task<DbConnection> OpenReadOnlyAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = new Uri(FilePath).AbsoluteUri + "?immutable=1",
            Mode = SqliteOpenMode.ReadOnly,
            ForeignKeys = true,
            Pooling = false,
        }.ToString());
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public DbConnection Open() => OpenAsync().GetAwaiter().GetResult();

    public ValueTask DisposeAsync() => postgres?.DisposeAsync() ?? ValueTask.CompletedTask;

    public void Dispose() => postgres?.Dispose();
}
