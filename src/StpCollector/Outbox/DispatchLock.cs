namespace StpCollector.Outbox;

/// <summary>
/// One dispatcher at a time across processes (the worker and a `run --once` from cron may overlap). An exclusive
/// lock on DATA/outbox.lock, which the operating system releases when the holder exits or is killed, so whoever
/// holds it knows that any row still marked 'sending' was cut off and must be recovered.
/// </summary>
public sealed class DispatchLock : IDisposable
{
    private readonly FileStream stream;

    private DispatchLock(FileStream stream) => this.stream = stream;

    public static DispatchLock? TryAcquire(string path)
    {
        try
        {
            return new DispatchLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => stream.Dispose();
}
