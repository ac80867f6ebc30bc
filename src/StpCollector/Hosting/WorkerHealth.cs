using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Hosting;

/// <summary>Every registered sweep, in run order, with its last run from <see cref="SweepRunLog"/>.</summary>
internal sealed class WorkerHealth(SweepRunLog runLog, IEnumerable<SweepRegistration> registrations) : IWorkerHealth
{
    public async Task<IReadOnlyList<SweepHealth>> ReadAsync(CancellationToken cancellationToken)
    {
        var runs = (await runLog.ReadAsync(cancellationToken)).ToDictionary(r => r.Sweep);
        return SweepOrder.Sort(registrations)
            .Select(r => runs.GetValueOrDefault(r.Name) is { } run
                ? new SweepHealth(r.Name, DapperSetup.ParseTimestamp(run.LastRunAt), run.LastSucceeded == 1, run.LastSummary, run.LastError,
                    run.LastErrorAt is null ? null : DapperSetup.ParseTimestamp(run.LastErrorAt))
                : new SweepHealth(r.Name, null, null, "", null, null))
            .ToList();
    }
}
