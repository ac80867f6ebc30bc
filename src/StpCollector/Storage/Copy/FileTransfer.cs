using System.Security.Cryptography;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using StpCollector.Shared;

namespace StpCollector.Storage.Copy;

/// <summary>
/// On SQLite the raw archive and FoI documents are files in the data dir; on PostgreSQL every worker reads them from
/// shared_files. The copy moves each file the owning features name (<see cref="ISharedFileOwner"/>) into that table.
/// Reported like a table: files named, files stored, and a checksum over their bytes.
/// </summary>
internal static class FileTransfer
{
    public const string Name = "shared_files (archive, FoI documents)";

    public static async Task<TableCopied> CopyAsync(SqliteConnection sqlite, SqliteTransaction snapshot, NpgsqlConnection postgres, AppPaths paths,
        IEnumerable<ISharedFileOwner> owners, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = DapperSetup.Format(clock.GetUtcNow());
        using var sourceHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var named = new List<string>();
        foreach (var owner in owners)
        {
            foreach (var file in await owner.ListAsync(sqlite, snapshot, paths.DataDir))
            {
                if (!File.Exists(file.FullPath))
                    throw new NotFoundProblem($"{file.FullPath} is named in the database but is not in the data folder, so db copy cannot move it. Put it back (from a backup of the data folder), then copy again; nothing was copied.");
                var bytes = await File.ReadAllBytesAsync(file.FullPath, cancellationToken);
                sourceHash.AppendData(SHA256.HashData(bytes));
                named.Add(file.Key);
                await postgres.ExecuteAsync("""
                    INSERT INTO shared_files (path, content, stored_at) VALUES (@Key, @bytes, @now) ON CONFLICT (path) DO NOTHING
                    """, new { file.Key, bytes, now });
                await owner.MovedAsync(postgres, file);
            }
        }

        var (stored, targetChecksum) = await TargetChecksumAsync(postgres, named);
        return new TableCopied(Name, named.Count, stored, Convert.ToHexStringLower(sourceHash.GetHashAndReset()), targetChecksum);
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

}
