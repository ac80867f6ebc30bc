using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using StpCollector.Shared;

namespace StpCollector.Storage;

/// <summary>Opens connections to the one SQLite file, each with foreign keys on and a busy timeout.</summary>
internal sealed class Database
{
    private readonly string connectionString;
    private readonly int busyTimeoutMs;

    public Database(AppPaths paths, IOptions<StorageOptions> options)
    {
        FilePath = paths.DatabaseFile;
        busyTimeoutMs = options.Value.BusyTimeoutSeconds * 1000;
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            ForeignKeys = true,
            DefaultTimeout = options.Value.BusyTimeoutSeconds,
            Pooling = true,
        }.ToString();
        DapperSetup.EnsureRegistered();
    }

    public string FilePath { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
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
    private async Task<SqliteConnection> OpenReadOnlyAsync(CancellationToken cancellationToken)
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

    public SqliteConnection Open() => OpenAsync().GetAwaiter().GetResult();
}
