using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using StpCollector.Hosting;

namespace StpCollector.Storage;

/// <summary>Opens connections to the one SQLite file, each with foreign keys on and a busy timeout.</summary>
public sealed class Database
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
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = $"PRAGMA busy_timeout = {busyTimeoutMs}; PRAGMA synchronous = NORMAL;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    public SqliteConnection Open() => OpenAsync().GetAwaiter().GetResult();
}
