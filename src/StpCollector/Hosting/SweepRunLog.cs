using Dapper;
using Microsoft.Extensions.Logging;
using StpCollector.Storage;

namespace StpCollector.Hosting;

/// <summary>Each sweep's last run and last failure (table sweep_runs), for `stpcollector status`.</summary>
internal sealed class SweepRunLog(Database database, TimeProvider clock, ILogger<SweepRunLog> logger)
{
    public sealed record Entry(string Sweep, string LastRunAt, long LastSucceeded, string LastSummary, string? LastError, string? LastErrorAt);

    /// <summary>Records a run; never fails the sweep (on a full disk the record simply waits for the next run).</summary>
    public async Task RecordAsync(SweepReport report, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await connection.ExecuteAsync("""
                INSERT INTO sweep_runs (sweep, last_run_at, last_succeeded, last_summary, last_error, last_error_at)
                VALUES (@Sweep, @Now, @Succeeded, @Summary, CASE WHEN @Succeeded = 1 THEN NULL ELSE @Summary END, CASE WHEN @Succeeded = 1 THEN NULL ELSE @Now END)
                ON CONFLICT (sweep) DO UPDATE SET
                    last_run_at = excluded.last_run_at,
                    last_succeeded = excluded.last_succeeded,
                    last_summary = excluded.last_summary,
                    last_error = coalesce(excluded.last_error, sweep_runs.last_error),
                    last_error_at = coalesce(excluded.last_error_at, sweep_runs.last_error_at)
                """, new { report.Sweep, Now = DapperSetup.Format(clock.GetUtcNow()), report.Succeeded, report.Summary });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogDebug("Could not record the run of sweep {Sweep}: {Error}", report.Sweep, e.Message);
        }
    }

    public async Task<IReadOnlyList<Entry>> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<Entry>("""
            SELECT sweep AS Sweep, last_run_at AS LastRunAt, last_succeeded AS LastSucceeded, last_summary AS LastSummary,
                   last_error AS LastError, last_error_at AS LastErrorAt
            FROM sweep_runs
            """)).ToList();
    }
}
