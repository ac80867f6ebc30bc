using System.Security.Cryptography;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using StpCollector.Shared;

namespace StpCollector.Storage.Copy;

/// <summary>
/// On SQLite the raw archive and FoI documents are files in the data dir; on PostgreSQL every worker reads them from
/// shared_files. The copy moves each file the database names into that table, and FoI documents' paths become the
/// relative keys PostgreSQL uses. Reported like a table: files named, files stored, and a checksum over their bytes.
/// </summary>
internal static class FileTransfer
{
    public const string Name = "shared_files (archive, FoI documents)";

    public static async Task<TableCopied> CopyAsync(SqliteConnection sqlite, SqliteTransaction snapshot, NpgsqlConnection postgres, AppPaths paths,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var archive = (await sqlite.QueryAsync<string>("SELECT DISTINCT archive_path FROM inbound_messages ORDER BY archive_path", transaction: snapshot)).ToList();
        var documents = (await sqlite.QueryAsync<(long Id, string Path)>("SELECT id, stored_path FROM foi_documents ORDER BY id", transaction: snapshot)).ToList();
        var now = DapperSetup.Format(clock.GetUtcNow());
        using var sourceHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var named = new List<string>();
        foreach (var relative in archive)
            await StoreAsync(Path.Combine(paths.DataDir, relative), Key(relative));
        foreach (var (id, storedPath) in documents)
        {
            var full = Path.IsPathRooted(storedPath) ? storedPath : Path.Combine(paths.DataDir, storedPath);
            var key = Key(Path.GetRelativePath(paths.DataDir, full));
            await StoreAsync(full, key);
            await postgres.ExecuteAsync("UPDATE foi_documents SET stored_path = @key WHERE id = @id", new { key, id });
        }

        var (stored, targetChecksum) = await TargetChecksumAsync(postgres, named.Distinct(StringComparer.Ordinal).ToList());
        return new TableCopied(Name, archive.Count + documents.Count, stored, Convert.ToHexStringLower(sourceHash.GetHashAndReset()), targetChecksum);

        async Task StoreAsync(string file, string key)
        {
            if (!File.Exists(file))
                throw new NotFoundProblem($"{file} is named in the database but is not in the data folder, so db copy cannot move it. Put it back (from a backup of the data folder), then copy again; nothing was copied.");
            var bytes = await File.ReadAllBytesAsync(file, cancellationToken);
            sourceHash.AppendData(SHA256.HashData(bytes));
            named.Add(key);
            await postgres.ExecuteAsync("""
                INSERT INTO shared_files (path, content, stored_at) VALUES (@key, @bytes, @now) ON CONFLICT (path) DO NOTHING
                """, new { key, bytes, now });
        }
    }

    /// <summary>Read back from PostgreSQL in the order they were named, hashed the same way.</summary>
    private static async Task<(long Stored, string Checksum)> TargetChecksumAsync(NpgsqlConnection postgres, IReadOnlyList<string> keys)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var contents = (await postgres.QueryAsync<(string Path, byte[] Content)>(
            "SELECT path, content FROM shared_files WHERE path = ANY(@keys)", new { keys })).ToDictionary(r => r.Path, r => r.Content, StringComparer.Ordinal);
        long found = 0;
        foreach (var key in keys)
        {
            if (!contents.TryGetValue(key, out var bytes))
                continue;
            hash.AppendData(SHA256.HashData(bytes));
            found++;
        }

        return (found, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static string Key(string relative) => relative.Replace('\\', '/');
}
