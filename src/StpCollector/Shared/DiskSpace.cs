using System.Globalization;
using Microsoft.Data.Sqlite;

namespace StpCollector.Shared;

/// <summary>
/// Recognises "the disk is full" (ENOSPC from a file write, SQLITE_FULL from SQLite) and says it in one plain line
/// with the free space and the path, so a full disk is reported as what it is instead of as an unexpected problem.
/// </summary>
internal static class DiskSpace
{
    /// <summary>SQLITE_FULL: "Insertion failed because database is full" (also when the disk is).</summary>
    private const int SqliteFull = 13;

    /// <summary>ENOSPC on Linux; .NET puts the errno in the IOException's HResult when it has no better mapping.</summary>
    private const int NoSpaceLeftOnDevice = 28;

    /// <summary>SQLITE_READONLY: a write tried on the read-only connection opened because the disk is full.</summary>
    private const int SqliteReadOnly = 8;

    /// <summary>Set when the database had to be opened read-only for want of room for its -shm file (see Database).</summary>
    public static volatile bool ReadOnlyBecauseDiskFull;

    public static bool IsDiskFull(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SqliteException { SqliteErrorCode: SqliteFull })
                return true;
            if (e is SqliteException { SqliteErrorCode: SqliteReadOnly } && ReadOnlyBecauseDiskFull)
                return true;
            if (e is IOException io && (io.HResult == NoSpaceLeftOnDevice || io.Message.Contains("No space left on device", StringComparison.Ordinal)))
                return true;
            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsDiskFull))
                return true;
        }

        return false;
    }

    /// <summary>Free bytes for an unprivileged writer on the filesystem holding the path (or its nearest existing parent); null when unknown.</summary>
    public static long? FreeBytes(string path)
    {
        try
        {
            var existing = Path.GetFullPath(path);
            while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
                existing = parent;
            return new DriveInfo(existing).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Total size of the filesystem holding the path; null when unknown.</summary>
    public static long? TotalBytes(string path)
    {
        try
        {
            return new DriveInfo(Path.GetFullPath(path)).TotalSize;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    public static string Describe(long? bytes) => bytes switch
    {
        null => "unknown",
        < 1024 => bytes == 1 ? "1 byte" : $"{bytes} bytes",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.#} GB"),
    };

    /// <summary>"the disk holding /data is full (0 bytes free)", for sweep summaries and the worker's log.</summary>
    public static string FullSummary(string dataDir) => $"the disk holding {dataDir} is full ({Describe(FreeBytes(dataDir))} free)";

    /// <summary>The one line a verb prints when it could not write because the disk is full.</summary>
    public static string FullMessage(string dataDir) =>
        $"The disk holding the data folder {dataDir} is full ({Describe(FreeBytes(dataDir))} free), so nothing was changed. " +
        "Free some space on it (old backups, logs or other files) and run this again; read-only commands such as round show still work.";

    public static UnavailableProblem FullException(string dataDir) => new(FullMessage(dataDir));
}
