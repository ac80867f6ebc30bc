using System.Globalization;
using StpCollector.Calendar;
using StpCollector.Shared;
using StpCollector.Templates;

namespace StpCollector.Hosting;

/// <summary>
/// One long-running worker per data folder: a second would send every reminder and bulletin as well. The worker holds
/// DATA/worker.lock for its whole life and notes its pid and start in DATA/worker.pid (the lock itself cannot be read
/// by others while held). `run --once` and staff verbs do not take it: they work beside a worker (see the README).
/// </summary>
internal sealed class WorkerLock : IDisposable
{
    private readonly ExclusiveFileLock held;
    private readonly string infoFile;

    private WorkerLock(ExclusiveFileLock held, string infoFile)
    {
        this.held = held;
        this.infoFile = infoFile;
    }

    public static WorkerLock Acquire(AppPaths paths, TimeProvider clock)
    {
        var infoFile = Path.Combine(paths.DataDir, "worker.pid");
        var held = ExclusiveFileLock.TryAcquire(Path.Combine(paths.DataDir, "worker.lock"))
            ?? throw new UnavailableProblem($"A worker is already running on {paths.DataDir}{Holder(infoFile)}; " +
                                             "only one may run per data folder. Stop it first (staff verbs and `run --once` work beside it).");
        try
        {
            File.WriteAllText(infoFile, string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId} {clock.GetUtcNow():O}\n"));
        }
        catch (IOException e) when (Shared.DiskSpace.IsDiskFull(e))
        {
            // Only a courtesy for the message a second worker gets: on a full disk the worker still starts and waits for room.
            File.Delete(infoFile);
        }

        return new WorkerLock(held, infoFile);
    }

    /// <summary>" (pid 1234, since 2026-12-04 09:00 London time)", or nothing if the running worker has not written it yet.</summary>
    private static string Holder(string infoFile)
    {
        try
        {
            var parts = File.ReadAllText(infoFile).Split(' ', 2, StringSplitOptions.TrimEntries);
            return parts.Length == 2 && DateTimeOffset.TryParse(parts[1], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var since)
                ? $" (pid {parts[0]}, since {LondonTime.Describe(since)})"
                : "";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    public void Dispose()
    {
        try
        {
            File.Delete(infoFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only a note for others; the lock below is what counts.
        }

        held.Dispose();
    }
}
