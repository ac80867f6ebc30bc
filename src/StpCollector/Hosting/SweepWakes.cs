using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;
using StpCollector.Shared;

namespace StpCollector.Hosting;

/// <summary>
/// Runs each <see cref="ISweepWakeSource"/> beside the schedule and fires its sweep now when it reports work. A burst
/// of arrivals becomes one run: a wake that comes while one is already waiting to fire is dropped (the run reads
/// everything waiting by then), and a wake during a run queues one more behind it. The wake is a one-shot trigger in
/// the scheduler's store, so in a cluster any node may run it, never beside a run of the same sweep elsewhere. A watch that fails is logged and started again after <see cref="RetryDelay"/>; the
/// sweep's interval keeps running meanwhile; a watch that keeps failing is retried less and less often, up to
/// <see cref="LongestRetryDelay"/>.
/// </summary>
internal sealed class SweepWakes(
    IEnumerable<ISweepWakeSource> sources, PendingWakes pending, ISchedulerFactory schedulers, TimeProvider clock, ILogger<SweepWakes> logger)
    : BackgroundService
{
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan LongestRetryDelay = TimeSpan.FromMinutes(10);

    /// <summary>The group of the one-shot triggers a wake stores (the schedule's own triggers are in "sweeps").</summary>
    public const string WakeGroup = "sweep-wakes";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(sources.Select(source => WatchAsync(source, stoppingToken)));

    private async Task WatchAsync(ISweepWakeSource source, CancellationToken stoppingToken)
    {
        var job = WorkerRegistration.JobKeyFor(source.Sweep);
        async Task WakeAsync(CancellationToken cancellationToken)
        {
            var scheduler = await schedulers.GetScheduler(cancellationToken);
            var wake = TriggerBuilder.Create()
                .ForJob(job)
                .WithIdentity($"{source.Sweep}-wake-{Guid.NewGuid():N}", WakeGroup)
                .StartNow()
                .Build();
            while (!pending.TryMark(source.Sweep, wake.Key))
            {
                // The mark is cleared by the sweep's run on this node; a run on another node of a cluster cannot clear
                // it, so a marked wake that has already fired (or is gone) no longer counts as waiting.
                if (pending.Marked(source.Sweep) is not { } earlier)
                    continue;
                if (await scheduler.GetTriggerState(earlier, cancellationToken) is TriggerState.Normal or TriggerState.Blocked or TriggerState.Paused)
                    return;
                if (pending.TryReplace(source.Sweep, earlier, wake.Key))
                    break;
            }

            await scheduler.ScheduleJob(wake, cancellationToken: cancellationToken);
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

/// <summary>
/// The wake this node last stored for each sweep, while it may still be waiting to fire; a sweep clears its own mark
/// as it starts, whatever started it.
/// </summary>
internal sealed class PendingWakes
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TriggerKey> marked = new(StringComparer.Ordinal);

    public bool TryMark(string sweep, TriggerKey wake) => marked.TryAdd(sweep, wake);

    public TriggerKey? Marked(string sweep) => marked.TryGetValue(sweep, out var wake) ? wake : null;

    public bool TryReplace(string sweep, TriggerKey earlier, TriggerKey wake) => marked.TryUpdate(sweep, wake, earlier);

    public void Clear(string sweep) => marked.TryRemove(sweep, out _);
}
