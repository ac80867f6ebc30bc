namespace StpCollector.Shared;

/// <summary>
/// An exclusive lock on a file in the data folder, held by one process at a time. .NET takes it with flock(2) for
/// FileShare.None, so the operating system releases it when the holder exits or is killed (even by SIGKILL):
/// a stale lock file never blocks anyone.
/// </summary>
internal sealed class ExclusiveFileLock : IDisposable
{
    private readonly FileStream stream;

    private ExclusiveFileLock(FileStream stream) => this.stream = stream;

    /// <summary>The lock, or null when another process holds it.</summary>
    public static ExclusiveFileLock? TryAcquire(string path)
    {
        try
        {
            return new ExclusiveFileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }
    }

    public void Dispose() => stream.Dispose();
}
