using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace StpCollector.Storage;

/// <summary>
/// Takes WAL checkpoints off a busy writer's path. While it lives, the writer's connection does not checkpoint when it
/// commits (every ~1,000 pages one of its commits would stop to copy the WAL into the database file and sync both);
/// a connection of its own checkpoints passively every 100 ms instead, which never blocks the writer. Disposing it
/// restores SQLite's default on the writer's connection.
/// </summary>
internal sealed class BackgroundCheckpoint : IAsyncDisposable
{
    private const int DefaultAutoCheckpointPages = 1000;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly DbConnection writer;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    private BackgroundCheckpoint(DbConnection writer, DbConnection checkpointer)
    {
        this.writer = writer;
        loop = RunAsync(checkpointer);
    }

    /// <summary>Null on PostgreSQL, whose server checkpoints on its own.</summary>
    public static async Task<BackgroundCheckpoint?> StartAsync(Database database, DbConnection writer, CancellationToken cancellationToken)
    {
        if (database.IsPostgreSql)
            return null;
        var checkpointer = await database.OpenAsync(cancellationToken);
        await writer.ExecuteAsync("PRAGMA wal_autocheckpoint = 0;");
        return new BackgroundCheckpoint(writer, checkpointer);
    }

    private async Task RunAsync(DbConnection checkpointer)
    {
        await using var _ = checkpointer;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(Interval, stop.Token);
                await checkpointer.ExecuteAsync("PRAGMA wal_checkpoint(PASSIVE);");
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (DbException)
        {
            // E.g. a full disk: the writer's own commits report that; its connection checkpoints again once this is disposed.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
        await writer.ExecuteAsync($"PRAGMA wal_autocheckpoint = {DefaultAutoCheckpointPages};");
    }
}
