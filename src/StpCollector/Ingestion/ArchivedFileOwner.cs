using System.Data.Common;
using Dapper;
using StpCollector.Storage.Copy;

namespace StpCollector.Ingestion;

/// <summary>The raw archive, for db copy: each message's file, keyed by the same relative path its row already holds.</summary>
internal sealed class ArchivedFileOwner : ISharedFileOwner
{
    public async Task<IReadOnlyList<OwnedFile>> ListAsync(DbConnection sqlite, DbTransaction snapshot, string dataDir) =>
        (await sqlite.QueryAsync<string>("SELECT DISTINCT archive_path FROM inbound_messages ORDER BY archive_path", transaction: snapshot))
        .Select(relative => new OwnedFile(Path.Combine(dataDir, relative), relative.Replace('\\', '/')))
        .ToList();

    public Task MovedAsync(DbConnection postgres, OwnedFile file) => Task.CompletedTask;
}
