namespace StpCollector.Jobs;

/// <summary>What a page calls to start long work: the job is stored first (so a reload or a restart finds it), then the runner is woken.</summary>
internal sealed class BackgroundJobQueue(BackgroundJobStore store)
{
    private readonly SemaphoreSlim wake = new(0);

    public async Task<long> StartAsync(string kind, string title, string startedBy, string input, CancellationToken cancellationToken)
    {
        var id = await store.EnqueueAsync(kind, title, startedBy, input, cancellationToken);
        wake.Release();
        return id;
    }

    /// <summary>Waits until a job is started in this process, or the poll interval passes (a job queued by another process).</summary>
    internal Task WaitForWorkAsync(TimeSpan poll, CancellationToken cancellationToken) => wake.WaitAsync(poll, cancellationToken);
}
