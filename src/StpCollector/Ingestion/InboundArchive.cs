using System.Security.Cryptography;
using System.Text;
using MimeKit;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Ingestion;

/// <summary>
/// Keeps the raw bytes of everything that comes in, before anything else happens (decision 3), under
/// DATA/archive/ab/&lt;sha256&gt;.ext. Hash-addressed, so writing the same bytes twice is one file. On PostgreSQL the same
/// paths name rows of the shared files every worker reads (<see cref="SharedFiles"/>), committed before the message is processed.
/// </summary>
internal sealed class InboundArchive(AppPaths paths, SharedFiles shared)
{
    /// <summary>Writes the bytes (if not already there) and returns the path relative to the data dir.</summary>
    public string Save(byte[] bytes, string extension)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var relative = Path.Combine("archive", hash[..2], $"{hash}{extension.ToLowerInvariant()}");
        if (shared.InDatabase)
        {
            shared.Store(relative, bytes);
            return relative;
        }

        var full = Path.Combine(paths.DataDir, relative);
        if (File.Exists(full))
            return relative;
        // Written under a temporary name and renamed, so a crash never leaves a half file under the real name.
        var partial = $"{full}.{Environment.ProcessId}.partial";
        try
        {
            try
            {
                File.WriteAllBytes(partial, bytes);
            }
            catch (DirectoryNotFoundException)
            {
                // The first file of its ab/ folder: made then, rather than asked after on every write.
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllBytes(partial, bytes);
            }

            File.Move(partial, full, overwrite: true);
        }
        catch
        {
            // A failed write (typically a full disk) must not leave its half file behind to take more space.
            TryDelete(partial);
            throw;
        }

        return relative;
    }

    /// <summary>How old a .partial file must be before the start-up sweep treats it as left by a killed process.</summary>
    public static readonly TimeSpan LeftoverAge = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Removes .partial files a killed process left in the archive (a write in progress is never that old), and
    /// returns how many. Run when the worker or run --once starts.
    /// </summary>
    public int RemoveLeftovers(DateTimeOffset now)
    {
        if (!Directory.Exists(paths.ArchiveDir))
            return 0;
        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(paths.ArchiveDir, "*.partial", SearchOption.AllDirectories))
        {
            if (now - File.GetLastWriteTimeUtc(file) >= LeftoverAge && TryDelete(file))
                removed++;
        }

        return removed;
    }

    private static bool TryDelete(string file)
    {
        try
        {
            File.Delete(file);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public byte[] Read(string relative) => shared.InDatabase ? shared.Read(relative.Replace('\\', '/')) : File.ReadAllBytes(Path.Combine(paths.DataDir, relative));

    /// <summary>
    /// The dedupe hash: for an email, its identifying headers and body without the trace headers (Received,
    /// Delivered-To ...) that differ each time the same message is delivered; for a file, its bytes.
    /// </summary>
    public static string ContentHash(byte[] bytes, MimeMessage? message)
    {
        if (message is null)
            return Convert.ToHexStringLower(SHA256.HashData(bytes));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var header in new[] { HeaderId.MessageId, HeaderId.From, HeaderId.Date, HeaderId.Subject, HeaderId.To })
            hash.AppendData(Encoding.UTF8.GetBytes($"{header}:{message.Headers[header]}\n"));
        var span = bytes.AsSpan();
        var end = span.IndexOf("\r\n\r\n"u8);
        var skip = 4;
        var lf = span.IndexOf("\n\n"u8);
        if (end < 0 || (lf >= 0 && lf < end))
        {
            end = lf;
            skip = 2;
        }

        hash.AppendData(end < 0 ? [] : span[(end + skip)..]);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
