using Dapper;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Jobs;

/// <summary>The background_jobs table: staff queue work, the runner claims and reports on it, pages read it.</summary>
internal sealed class BackgroundJobStore(Database database, TimeProvider clock)
{
    /// <summary>A running job whose heartbeat is older than this was running in a process that has died.</summary>
    public static readonly TimeSpan Stale = TimeSpan.FromMinutes(2);

    private const string Select = """
        SELECT id AS Id, kind AS Kind, title AS Title, started_by AS StartedBy, state AS State, done AS Done, total AS Total,
               stage AS Stage, message AS Message, result_path AS ResultPath, created_at AS CreatedAt, started_at AS StartedAt,
               finished_at AS FinishedAt
        FROM background_jobs
        """;

    public async Task<long> EnqueueAsync(string kind, string title, string startedBy, string input, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>("""
            INSERT INTO background_jobs (kind, title, started_by, input, state, created_at)
            VALUES (@kind, @title, @startedBy, @input, 'queued', @now)
            RETURNING id
            """, new { kind, title, startedBy, input, now = Now() });
    }

    public async Task<BackgroundJob> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<BackgroundJob>($"{Select} WHERE id = @id", new { id })
            ?? throw new NotFoundProblem($"There is no background job {id}.");
    }

    /// <summary>
    /// The job once it has finished, or as it stands after <paramref name="atMost"/>: lets a page that started quick work
    /// show its result at once, and a long one its progress page.
    /// </summary>
    public async Task<BackgroundJob> WaitAsync(long id, TimeSpan atMost, CancellationToken cancellationToken)
    {
        // Real elapsed time, not the service clock: a wait, not a moment in the records (and a fixed test clock never moves).
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var job = await GetAsync(id, cancellationToken);
            if (job.Finished || waited.Elapsed >= atMost)
                return job;
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    /// <summary>The newest jobs first, for the jobs page.</summary>
    public async Task<IReadOnlyList<BackgroundJob>> RecentAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<BackgroundJob>($"{Select} ORDER BY id DESC LIMIT @limit", new { limit })).ToList();
    }

    /// <summary>
    /// Takes the oldest queued job for this process. The guarded update means two processes on one database never both
    /// take the same job. Returns the job and its input, or null when nothing waits.
    /// </summary>
    public async Task<(BackgroundJob Job, string Input)?> ClaimNextAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var now = Now();
        var id = await connection.ExecuteScalarAsync<long?>("""
            UPDATE background_jobs SET state = 'running', started_at = @now, heartbeat_at = @now
            WHERE id = (SELECT min(id) FROM background_jobs WHERE state = 'queued') AND state = 'queued'
            RETURNING id
            """, new { now });
        if (id is null)
            return null;
        var job = await connection.QuerySingleAsync<BackgroundJob>($"{Select} WHERE id = @id", new { id });
        var input = await connection.ExecuteScalarAsync<string>("SELECT input FROM background_jobs WHERE id = @id", new { id });
        return (job, input ?? "");
    }

    public async Task ReportAsync(long id, JobProgress progress, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("""
            UPDATE background_jobs SET done = @Done, total = @Total, stage = coalesce(@Stage, stage), heartbeat_at = @now
            WHERE id = @id AND state = 'running'
            """, new { id, progress.Done, progress.Total, progress.Stage, now = Now() });
    }

    public async Task FinishAsync(long id, string state, string message, string? resultPath, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("""
            UPDATE background_jobs SET state = @state, message = @message, result_path = @resultPath, finished_at = @now, heartbeat_at = @now
            WHERE id = @id
            """, new { id, state, message, resultPath, now = Now() });
    }

    /// <summary>Jobs left running by a process that died: marked interrupted, saying what to do. Returns how many.</summary>
    public async Task<int> InterruptStaleAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync("""
            UPDATE background_jobs
            SET state = 'interrupted', finished_at = @now,
                message = 'StpCollector stopped while this ran. Nothing from it was saved; start it again.'
            WHERE state = 'running' AND (heartbeat_at IS NULL OR heartbeat_at < @staleBefore)
            """, new { now = Now(), staleBefore = DapperSetup.Format(clock.GetUtcNow() - Stale) });
    }

    private string Now() => DapperSetup.Format(clock.GetUtcNow());
}
