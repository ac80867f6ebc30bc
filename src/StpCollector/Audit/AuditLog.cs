using Dapper;
using Microsoft.Data.Sqlite;
using StpCollector.Calendar;
using StpCollector.Storage;

namespace StpCollector.Audit;

/// <summary>The record of every change staff make. Entries are only ever added.</summary>
internal sealed class AuditLog(Database database, TimeProvider clock)
{
    public async Task RecordAsync(AuditActor actor, AuditChange change, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await RecordAsync(connection, null, actor, change);
    }

    /// <summary>Records inside the caller's transaction, so the entry commits (or not) with the change itself.</summary>
    public Task RecordAsync(SqliteConnection connection, SqliteTransaction? transaction, AuditActor actor, AuditChange change) =>
        connection.ExecuteAsync("""
            INSERT INTO audit_log (at, actor, channel, action, record_type, record_id, before_value, after_value, detail)
            VALUES (@at, @actor, @channel, @Action, @RecordType, @RecordId, @Before, @After, @Detail)
            """, new
        {
            at = DapperSetup.Format(clock.GetUtcNow()), actor = actor.Name, channel = actor.Channel.ToString().ToLowerInvariant(),
            change.Action, change.RecordType, change.RecordId, change.Before, change.After, change.Detail,
        }, transaction);

    /// <summary>Entries on or after a London day, newest first; at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(DateOnly? since, int limit, long? before = null, CancellationToken cancellationToken = default)
    {
        var from = since is { } day ? DapperSetup.Format(LondonTime.FromLondon(day.ToDateTime(TimeOnly.MinValue))) : null;
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<AuditEntry>("""
            SELECT id AS Id, at AS At, actor AS Actor, channel AS Channel, action AS Action, record_type AS RecordType, record_id AS RecordId,
                   before_value AS Before, after_value AS After, detail AS Detail
            FROM audit_log
            WHERE (@from IS NULL OR at >= @from) AND (@before IS NULL OR id < @before)
            ORDER BY id DESC
            LIMIT @limit
            """, new { from, limit, before })).ToList();
    }
}
