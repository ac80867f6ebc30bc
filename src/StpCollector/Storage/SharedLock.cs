using System.Data.Common;
using System.Text;
using Dapper;
using StpCollector.Shared;

namespace StpCollector.Storage;

/// <summary>
/// A lock that every process using the same data shares: the outbox dispatch and the mailbox read each run in one
/// process at a time. On SQLite they share a data dir, so it is a file there (released by the OS when the holder dies).
/// On PostgreSQL the workers may be on different machines, so it is a session advisory lock on the server, held on a
/// connection of its own and released by the server when that connection ends, including when its process is killed.
/// </summary>
internal static class SharedLock
{
    public static async Task<IAsyncDisposable?> TryTakeAsync(Database database, AppPaths paths, string name, CancellationToken cancellationToken)
    {
        if (!database.IsPostgreSql)
            return ExclusiveFileLock.TryAcquire(Path.Combine(paths.DataDir, name + ".lock")) is { } file ? new FileHold(file) : null;
        var connection = await database.OpenAsync(cancellationToken);
        try
        {
            var key = KeyOf(name);
            if (await connection.ExecuteScalarAsync<bool>("SELECT pg_try_advisory_lock(@key)", new { key }))
                return new ServerHold(connection, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    /// <summary>A stable 64-bit key per lock name (FNV-1a), the same in every StpCollector process.</summary>
    internal static long KeyOf(string name)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes("stpcollector:" + name))
            hash = (hash ^ b) * 1099511628211UL;
        return unchecked((long)hash);
    }

    private sealed class FileHold(ExclusiveFileLock file) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            file.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    private sealed class ServerHold(DbConnection connection, long key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await connection.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key });
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
