using Dapper;
using Microsoft.Extensions.Logging;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Hosting;

/// <summary>Keeps SQLite's write-ahead log short and the query planner's statistics fresh.</summary>
internal sealed class DatabaseMaintenanceSweep(Database database, ILogger<DatabaseMaintenanceSweep> logger) : ISweep
{
    public async Task<SweepResult> RunAsync(CancellationToken cancellationToken)
    {
        if (database.IsPostgreSql)
            return SweepResult.Idle("nothing to do: the PostgreSQL server checkpoints and keeps its statistics itself (autovacuum)");
        await using var connection = await database.OpenAsync(cancellationToken);
        var checkpoint = await connection.QuerySingleAsync<(long Busy, long Log, long Checkpointed)>("PRAGMA wal_checkpoint(PASSIVE)");
        await connection.ExecuteAsync("PRAGMA optimize");
        logger.LogDebug("Checkpointed {Pages} of {Log} WAL pages", checkpoint.Checkpointed, checkpoint.Log);
        return SweepResult.Idle($"database checkpointed ({checkpoint.Checkpointed} of {checkpoint.Log} log pages) and optimised");
    }
}
