using System.Data.Common;
using Dapper;
using StpCollector.Storage.Copy;

namespace StpCollector.Foi;

/// <summary>
/// FoI documents, for db copy: SQLite rows hold the file's full path; on PostgreSQL they hold the key the document is
/// stored under in shared_files (its path relative to the data dir), which every worker can read.
/// </summary>
internal sealed class FoiDocumentFileOwner : ISharedFileOwner
{
    public async Task<IReadOnlyList<OwnedFile>> ListAsync(DbConnection sqlite, DbTransaction snapshot, string dataDir) =>
        (await sqlite.QueryAsync<(long Id, string Path)>("SELECT id, stored_path FROM foi_documents ORDER BY id", transaction: snapshot))
        .Select(d =>
        {
            var full = System.IO.Path.IsPathRooted(d.Path) ? d.Path : System.IO.Path.Combine(dataDir, d.Path);
            return new OwnedFile(full, System.IO.Path.GetRelativePath(dataDir, full).Replace('\\', '/'), d.Id);
        })
        .ToList();

    public Task MovedAsync(DbConnection postgres, OwnedFile file) =>
        postgres.ExecuteAsync("UPDATE foi_documents SET stored_path = @Key WHERE id = @RowId", new { file.Key, file.RowId });
}
