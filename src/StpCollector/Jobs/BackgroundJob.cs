namespace StpCollector.Jobs;

/// <summary>One piece of long work as staff see it: what, who started it, how far it has got and how it ended.</summary>
internal sealed record BackgroundJob(
    long Id, string Kind, string Title, string StartedBy, string State, long Done, long Total, string? Stage, string? Message,
    string? ResultPath, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt)
{
    public const string Queued = "queued", Running = "running", Succeeded = "done", Failed = "failed", Interrupted = "interrupted";

    public bool Finished => State is Succeeded or Failed or Interrupted;

    /// <summary>Whole per cent done, when the total is known.</summary>
    public int? Percent => Total > 0 ? (int)Math.Clamp(Done * 100 / Total, 0, 100) : null;
}

/// <summary>How far a job has got: <paramref name="Done"/> of <paramref name="Total"/> (rows, messages...), and the stage it is in.</summary>
internal sealed record JobProgress(long Done, long Total, string? Stage = null);

/// <summary>How a job ended well: a sentence for staff, and a page showing the result.</summary>
internal sealed record JobOutcome(string Message, string? ResultPath = null);

/// <summary>
/// Runs one kind of job. The handler does its work in one transaction (or is otherwise safe to run again), so a job cut
/// off by a crash leaves nothing half-written and staff can simply start it again. A <c>Problem</c> it throws becomes
/// the job's failure message as is.
/// </summary>
internal interface IBackgroundJobHandler
{
    string Kind { get; }

    Task<JobOutcome> RunAsync(BackgroundJob job, string input, IProgress<JobProgress> progress, CancellationToken cancellationToken);
}
