using System.Data.Common;

namespace StpCollector.Storage.Copy;

/// <summary>
/// A feature whose rows name files in the data dir that, on PostgreSQL, live in shared_files (<see cref="SharedFiles"/>):
/// db copy asks each for its files, moves them, and lets it point its rows at their new keys.
/// </summary>
internal interface ISharedFileOwner
{
    /// <summary>The files the SQLite database names, read from its snapshot.</summary>
    Task<IReadOnlyList<OwnedFile>> ListAsync(DbConnection sqlite, DbTransaction snapshot, string dataDir);

    /// <summary>Called after each file is stored in PostgreSQL under <see cref="OwnedFile.Key"/>, inside the copy's transaction.</summary>
    Task MovedAsync(DbConnection postgres, OwnedFile file);
}

/// <summary>One file: where it is now, the key PostgreSQL will know it by, and the owner's row it belongs to (if the row must change).</summary>
internal sealed record OwnedFile(string FullPath, string Key, long? RowId = null);
