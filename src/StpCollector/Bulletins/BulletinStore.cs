using System.Data.Common;
using Dapper;
using StpCollector.Storage;

namespace StpCollector.Bulletins;

internal sealed record BulletinRecord(long Id, string PeriodKey, DateTimeOffset ScheduledFor, string Status, string Subject, string Html, string Text,
    long? RoundId, DateTimeOffset? CoversFrom, DateTimeOffset? CoversUntil, long Recipients, string? Note, DateTimeOffset CreatedAt,
    DateTimeOffset? ApprovedAt, DateTimeOffset? SentAt, string? ChangedBy = null, DateTimeOffset? ChangedAt = null);

/// <summary>The bulletins table: one row per period, so the UNIQUE period key is what makes a period go out once.</summary>
internal static class BulletinStore
{
    public const string Draft = "draft";
    public const string Approved = "approved";
    public const string Sent = "sent";
    public const string Skipped = "skipped";
    public const string Missed = "missed";

    private const string Columns = """
        SELECT id AS Id, period_key AS PeriodKey, scheduled_for AS ScheduledFor, status AS Status, subject AS Subject, html AS Html,
               text AS Text, round_id AS RoundId, covers_from AS CoversFrom, covers_until AS CoversUntil, recipients AS Recipients,
               note AS Note, created_at AS CreatedAt, approved_at AS ApprovedAt, sent_at AS SentAt,
               changed_by AS ChangedBy, changed_at AS ChangedAt
        FROM bulletins
        """;

    public static Task<BulletinRecord?> FindAsync(DbConnection connection, DbTransaction? transaction, long id) =>
        connection.QuerySingleOrDefaultAsync<BulletinRecord?>($"{Columns} WHERE id = @id", new { id }, transaction);

    public static Task<BulletinRecord?> FindByPeriodAsync(DbConnection connection, DbTransaction? transaction, string periodKey) =>
        connection.QuerySingleOrDefaultAsync<BulletinRecord?>($"{Columns} WHERE period_key = @periodKey", new { periodKey }, transaction);

    public static async Task<IReadOnlyList<BulletinRecord>> ListAsync(DbConnection connection) =>
        (await connection.QueryAsync<BulletinRecord>($"{Columns} ORDER BY scheduled_for DESC, id DESC")).ToList();

    /// <summary>Where the next bulletin's "new since" window starts: the end of the last one sent.</summary>
    public static Task<DateTimeOffset?> LastCoveredUntilAsync(DbConnection connection, DbTransaction? transaction) =>
        connection.QuerySingleOrDefaultAsync<DateTimeOffset?>(
            "SELECT max(covers_until) FROM bulletins WHERE status = 'sent'", transaction: transaction);

    public static Task<IEnumerable<BulletinRecord>> UnsentBeforeAsync(DbConnection connection, DateTimeOffset before) =>
        connection.QueryAsync<BulletinRecord>($"{Columns} WHERE status IN ('draft', 'approved') AND scheduled_for < @before",
            new { before = DapperSetup.Format(before) });

    public static Task<IEnumerable<long>> SentIdsAsync(DbConnection connection) =>
        connection.QueryAsync<long>("SELECT id FROM bulletins WHERE status = 'sent'");

    public static Task<long> InsertAsync(DbConnection connection, DbTransaction transaction, string periodKey, DateTimeOffset scheduledFor,
        string status, BulletinDraft? draft, string? note, DateTimeOffset now) =>
        connection.ExecuteScalarAsync<long>("""
            INSERT INTO bulletins (period_key, scheduled_for, status, subject, html, text, round_id, covers_from, covers_until, note, created_at)
            VALUES (@periodKey, @scheduledFor, @status, @subject, @html, @text, @roundId, @coversFrom, @coversUntil, @note, @now)
            RETURNING id
            """, new
        {
            periodKey,
            scheduledFor = DapperSetup.Format(scheduledFor),
            status,
            subject = draft?.Subject ?? "",
            html = draft?.Html ?? "",
            text = draft?.Text ?? "",
            roundId = draft?.RoundId,
            coversFrom = draft is null ? null : DapperSetup.Format(draft.CoversFrom),
            coversUntil = draft is null ? null : DapperSetup.Format(draft.CoversUntil),
            note,
            now = DapperSetup.Format(now),
        }, transaction);

    public static async Task ReplaceContentAsync(DbConnection connection, DbTransaction transaction, long id, BulletinDraft draft)
    {
        await connection.ExecuteAsync("""
            UPDATE bulletins SET subject = @Subject, html = @Html, text = @Text, round_id = @RoundId,
                   covers_from = @from, covers_until = @until
            WHERE id = @id
            """, new { id, draft.Subject, draft.Html, draft.Text, draft.RoundId, from = DapperSetup.Format(draft.CoversFrom), until = DapperSetup.Format(draft.CoversUntil) },
            transaction);
        await connection.ExecuteAsync("DELETE FROM bulletin_charts WHERE bulletin_id = @id", new { id }, transaction);
        await SaveChartsAsync(connection, transaction, id, draft);
    }

    public static Task SaveChartsAsync(DbConnection connection, DbTransaction transaction, long id, BulletinDraft draft) =>
        connection.ExecuteAsync("INSERT INTO bulletin_charts (bulletin_id, name, alt, png) VALUES (@id, @FileName, @Alt, @Png)",
            draft.Charts.Select(c => new { id, c.FileName, c.Alt, c.Png }), transaction);

    public static async Task<IReadOnlyList<(string Name, string Alt, byte[] Png)>> ChartsAsync(DbConnection connection, DbTransaction? transaction, long id) =>
        (await connection.QueryAsync<(string, string, byte[])>(
            "SELECT name, alt, png FROM bulletin_charts WHERE bulletin_id = @id ORDER BY name", new { id }, transaction)).ToList();

    public static Task<int> SetStatusAsync(DbConnection connection, DbTransaction? transaction, long id, string from, string to, string? note,
        DateTimeOffset now) =>
        connection.ExecuteAsync($"""
            UPDATE bulletins SET status = @to, note = COALESCE(@note, note),
                   approved_at = CASE WHEN @to = 'approved' THEN @now ELSE approved_at END
            WHERE id = @id AND status = @from
            """, new { id, from, to, note, now = DapperSetup.Format(now) }, transaction);

    /// <summary>
    /// Records who changed a draft's content; a change to an approved bulletin takes its approval back, since what was
    /// approved is no longer what would be sent. Returns true when an approval was withdrawn.
    /// </summary>
    public static async Task<bool> MarkChangedAsync(DbConnection connection, DbTransaction transaction, long id, string actor, DateTimeOffset now)
    {
        // A time staff chose went with the approval: the draft falls back to its period's time (a period key is that instant).
        var withdrawn = await connection.ExecuteAsync("""
            UPDATE bulletins SET status = 'draft', approved_at = NULL,
                   scheduled_for = CASE WHEN period_key NOT LIKE 'manual-%' THEN period_key ELSE scheduled_for END
            WHERE id = @id AND status = 'approved'
            """, new { id }, transaction) == 1;
        await connection.ExecuteAsync("UPDATE bulletins SET changed_by = @actor, changed_at = @now WHERE id = @id",
            new { id, actor, now = DapperSetup.Format(now) }, transaction);
        return withdrawn;
    }

    /// <summary>Approves a draft unless it changed meanwhile (status or who changed it last); 0 rows when it did.</summary>
    public static Task<int> ApproveAsync(DbConnection connection, long id, string? changedBy, DateTimeOffset now) =>
        connection.ExecuteAsync("""
            UPDATE bulletins SET status = 'approved', approved_at = @now
            WHERE id = @id AND status = 'draft' AND changed_by IS NOT DISTINCT FROM @changedBy
            """, new { id, changedBy, now = DapperSetup.Format(now) });

    /// <summary>Moves an approved bulletin to another time; 0 rows when it is no longer approved.</summary>
    public static Task<int> RescheduleAsync(DbConnection connection, long id, DateTimeOffset at) =>
        connection.ExecuteAsync("UPDATE bulletins SET scheduled_for = @at WHERE id = @id AND status = 'approved'",
            new { id, at = DapperSetup.Format(at) });

    /// <summary>Approved bulletins whose time has come (the sweep sends them; ones past the grace window were marked missed first).</summary>
    public static Task<IEnumerable<BulletinRecord>> ApprovedDueAsync(DbConnection connection, DateTimeOffset now) =>
        connection.QueryAsync<BulletinRecord>($"{Columns} WHERE status = 'approved' AND scheduled_for <= @now ORDER BY scheduled_for",
            new { now = DapperSetup.Format(now) });
}
