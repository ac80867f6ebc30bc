namespace StpCollector.Shared;

/// <summary>One sweep's last run and last failure; the times are null when it has never run or never failed.</summary>
internal sealed record SweepHealth(string Sweep, DateTimeOffset? LastRunAt, bool? LastSucceeded, string LastSummary, string? LastError,
    DateTimeOffset? LastErrorAt);

/// <summary>How the worker's sweeps are doing, for pages that show it without knowing how the host schedules them.</summary>
internal interface IWorkerHealth
{
    Task<IReadOnlyList<SweepHealth>> ReadAsync(CancellationToken cancellationToken);
}
