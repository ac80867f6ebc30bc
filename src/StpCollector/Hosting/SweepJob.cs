using Quartz;

namespace StpCollector.Hosting;

[DisallowConcurrentExecution]
public sealed class SweepJob(SweepRunner runner) : IJob
{
    public const string SweepKey = "sweep";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await runner.RunAsync(context.MergedJobDataMap.GetString(SweepKey)!, cancellationToken);
}
