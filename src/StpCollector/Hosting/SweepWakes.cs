using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;
using StpCollector.Shared;

namespace StpCollector.Hosting;

/// <summary>
/// Runs each <see cref="ISweepWakeSource"/> beside the schedule and fires its sweep now when it reports work. A burst
/// of arrivals becomes one run: a wake that comes while one is already waiting to fire is dropped (the run reads
/// everything waiting by then), and a wake during a run queues one more behind it. A watch that fails is logged and started again after <see cref="RetryDelay"/>; the
/// sweep's interval keeps running meanwhile; a watch that keeps failing is retried less and less often, up to
/// <see cref="LongestRetryDelay"/>.
/// </summary>
internal sealed class SweepWakes(
    IEnumerable<ISweepWakeSource> sources, PendingWakes pending, ISchedulerFactory schedulers, TimeProvider clock, ILogger<SweepWakes> logger)
    : BackgroundService
{
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan LongestRetryDelay = TimeSpan.FromMinutes(10);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(sources.Select(source => WatchAsync(source, stoppingToken)));

    private async Task WatchAsync(ISweepWakeSource source, CancellationToken stoppingToken)
    {
        var job = WorkerRegistration.JobKeyFor(source.Sweep);
        async Task WakeAsync(CancellationToken cancellationToken)
        {
            if (!pending.TryMark(source.Sweep))
                return;
            var scheduler = await schedulers.GetScheduler(cancellationToken);
            await scheduler.TriggerJob(job, cancellationToken);
        }

        var delay = RetryDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await source.WatchAsync(WakeAsync, stoppingToken);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning("Could not watch for {Sweep}'s work ({Problem}); the sweep still runs on its interval, and watching is tried again in {Seconds} s",
                    source.Sweep, e.Message, delay.TotalSeconds);
            }

            try
            {
                await Task.Delay(delay, clock, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestRetryDelay.Ticks));
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

/// <summary>Which sweeps have a wake waiting to fire; a sweep clears its own mark as it starts, whatever started it.</summary>
internal sealed class PendingWakes
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> marked = new(StringComparer.Ordinal);

    public bool TryMark(string sweep) => marked.TryAdd(sweep, true);

    public void Clear(string sweep) => marked.TryRemove(sweep, out _);
}
