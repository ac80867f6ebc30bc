using Microsoft.Extensions.Hosting;
using Quartz;

namespace StpCollector.Hosting;

[DisallowConcurrentExecution]
internal sealed class SweepJob(SweepRunner runner, PendingWakes wakes, IHostApplicationLifetime lifetime) : IJob
{
    public const string SweepKey = "sweep";

    /// <summary>
    /// Quartz does not cancel a running job when the host stops, so the sweep also watches ApplicationStopping: a
    /// long dispatch then ends between two messages on SIGTERM instead of being cut off when the process exits.
    /// </summary>
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        var sweep = context.MergedJobDataMap.GetString(SweepKey)!;
        // Before the run: whatever arrives from now on needs a run after this one.
        wakes.Clear(sweep);
        await runner.RunAsync(sweep, stopping.Token);
    }
}
