using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StpCollector.Shared;

namespace StpCollector.Jobs;

/// <summary>
/// Runs queued jobs one at a time in the console's process, writing their progress to the database twice a second so
/// the job's page can show it after any reload, and a heartbeat so a job whose process died is marked interrupted.
/// </summary>
internal sealed partial class BackgroundJobRunner(
    BackgroundJobStore store, BackgroundJobQueue queue, IEnumerable<IBackgroundJobHandler> handlers, ILogger<BackgroundJobRunner> logger)
    : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ReportEvery = TimeSpan.FromMilliseconds(500);
    private readonly Dictionary<string, IBackgroundJobHandler> byKind = handlers.ToDictionary(h => h.Kind);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await store.InterruptStaleAsync(stoppingToken);
                if (await store.ClaimNextAsync(stoppingToken) is { } next)
                    await RunAsync(next.Job, next.Input, stoppingToken);
                else
                    await queue.WaitForWorkAsync(Poll, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task RunAsync(BackgroundJob job, string input, CancellationToken stoppingToken)
    {
        if (!byKind.TryGetValue(job.Kind, out var handler))
        {
            await store.FinishAsync(job.Id, BackgroundJob.Failed, $"This StpCollector cannot run '{job.Kind}' jobs; it may have been started by another version.", null, CancellationToken.None);
            return;
        }

        var progress = new LatestProgress();
        using var reporting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var reporter = ReportAsync(job.Id, progress, reporting.Token);
        try
        {
            var outcome = await handler.RunAsync(job, input, progress, stoppingToken);
            await StopReportingAsync(reporting, reporter);
            if (progress.Latest is { } last)
                await store.ReportAsync(job.Id, last, CancellationToken.None);
            await store.FinishAsync(job.Id, BackgroundJob.Succeeded, outcome.Message, outcome.ResultPath, CancellationToken.None);
            LogFinished(job.Id, job.Kind, outcome.Message);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await StopReportingAsync(reporting, reporter);
            await store.FinishAsync(job.Id, BackgroundJob.Interrupted, "StpCollector was stopped while this ran. Nothing from it was saved; start it again.", null, CancellationToken.None);
        }
        catch (Problem problem)
        {
            await StopReportingAsync(reporting, reporter);
            await store.FinishAsync(job.Id, BackgroundJob.Failed, problem.Message, null, CancellationToken.None);
        }
        catch (Exception e)
        {
            await StopReportingAsync(reporting, reporter);
            LogCrashed(e, job.Id, job.Kind);
            await store.FinishAsync(job.Id, BackgroundJob.Failed,
                $"Something unexpected stopped this job and nothing from it was saved. The log has the details (background job {job.Id}).", null, CancellationToken.None);
        }
    }

    private async Task ReportAsync(long id, LatestProgress progress, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(ReportEvery);
        JobProgress? written = null;
        var beats = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var latest = progress.Latest ?? new JobProgress(0, 0);
                // Written when it changed, and at least every 30 s as the heartbeat that shows the process is alive.
                if (latest != written || ++beats >= 60)
                {
                    await store.ReportAsync(id, latest, cancellationToken);
                    written = latest;
                    beats = 0;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task StopReportingAsync(CancellationTokenSource reporting, Task reporter)
    {
        await reporting.CancelAsync();
        await reporter;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Background job {Id} ({Kind}) finished: {Message}")]
    private partial void LogFinished(long id, string kind, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Background job {Id} ({Kind}) failed unexpectedly")]
    private partial void LogCrashed(Exception exception, long id, string kind);

    /// <summary>Keeps only the latest report; the reporting loop writes it on its own schedule, never once per row.</summary>
    private sealed class LatestProgress : IProgress<JobProgress>
    {
        private JobProgress? latest;

        public JobProgress? Latest => Volatile.Read(ref latest);

        public void Report(JobProgress value) => Volatile.Write(ref latest, value);
    }
}
