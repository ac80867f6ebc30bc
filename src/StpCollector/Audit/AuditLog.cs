using System.Data.Common;
using Dapper;
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
    public Task RecordAsync(DbConnection connection, DbTransaction? transaction, AuditActor actor, AuditChange change) =>
        connection.ExecuteAsync("""
            INSERT INTO audit_log (at, actor, channel, action, record_type, record_id, before_value, after_value, detail)
            VALUES (@at, @actor, @channel, @Action, @RecordType, @RecordId, @Before, @After, @Detail)
            """, new
        {
            at = DapperSetup.Format(clock.GetUtcNow()), actor = actor.Name, channel = actor.Channel.ToString().ToLowerInvariant(),
            change.Action, change.RecordType, change.RecordId, change.Before, change.After, change.Detail,
        }, transaction);

    /// <summary>
    /// Entries on or after a London day, newest first; at most <paramref name="limit"/>. <paramref name="before"/> continues
    /// after the last entry already shown; <paramref name="actor"/> keeps one person's (or the command line's) changes.
    /// </summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(DateOnly? since, int limit, long? before = null, string? actor = null,
        CancellationToken cancellationToken = default)
    {
        var from = since is { } day ? DapperSetup.Format(LondonTime.FromLondon(day.ToDateTime(TimeOnly.MinValue))) : null;
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<AuditEntry>("""
            SELECT id AS Id, at AS At, actor AS Actor, channel AS Channel, action AS Action, record_type AS RecordType, record_id AS RecordId,
                   before_value AS Before, after_value AS After, detail AS Detail
            FROM audit_log
            WHERE (@from IS NULL OR at >= @from) AND (@before IS NULL OR id < @before) AND (@actor IS NULL OR actor = @actor)
            ORDER BY id DESC
            LIMIT @limit
            """, new { from, limit, before, actor })).ToList();
    }

    /// <summary>The latest entry of one action on each record of a type (e.g. who approved each bulletin), by record id.</summary>
    public async Task<IReadOnlyDictionary<string, AuditEntry>> LatestAsync(string recordType, string action, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var entries = await connection.QueryAsync<AuditEntry>("""
            SELECT id AS Id, at AS At, actor AS Actor, channel AS Channel, action AS Action, record_type AS RecordType, record_id AS RecordId,
                   before_value AS Before, after_value AS After, detail AS Detail
            FROM audit_log
            WHERE record_type = @recordType AND action = @action
            ORDER BY id
            """, new { recordType, action });
        var latest = new Dictionary<string, AuditEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
            latest[entry.RecordId] = entry;
        return latest;
    }
}
