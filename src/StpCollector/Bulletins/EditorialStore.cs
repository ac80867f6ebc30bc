using System.Data.Common;
using Dapper;
using StpCollector.Calendar;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Bulletins;

/// <summary>The editorial as Markdown (Liquid placeholders unfilled): the intro, and the quick links ("" for none).</summary>
internal sealed record EditorialMarkdown(string Intro, string QuickLinks);

/// <summary>The editorial saved in the console; Version 0 means none is saved and the files are the editorial.</summary>
internal sealed record SavedEditorial(EditorialMarkdown Markdown, long Version, string? ChangedBy, DateTimeOffset? ChangedAt);

/// <summary>
/// The bulletin_editorial table: the one editorial staff edit in the console. Saving names the version the person
/// started from, so a colleague's save in between is a conflict, never silently overwritten.
/// </summary>
internal static class EditorialStore
{
    private sealed record Row(string Intro, string QuickLinks, long Version, string ChangedBy, DateTimeOffset ChangedAt);

    public static async Task<SavedEditorial?> FindAsync(DbConnection connection, DbTransaction? transaction) =>
        await connection.QuerySingleOrDefaultAsync<Row?>("""
            SELECT intro AS Intro, quick_links AS QuickLinks, version AS Version, changed_by AS ChangedBy, changed_at AS ChangedAt
            FROM bulletin_editorial WHERE id = 1
            """, transaction: transaction) is { } row
            ? new SavedEditorial(new EditorialMarkdown(row.Intro, row.QuickLinks), row.Version, row.ChangedBy, row.ChangedAt)
            : null;

    /// <summary>Saves over <paramref name="version"/> (0: none saved yet); returns the new version, or throws when someone saved first.</summary>
    public static async Task<long> SaveAsync(DbConnection connection, DbTransaction transaction, EditorialMarkdown markdown, long version,
        string actor, DateTimeOffset now)
    {
        var values = new { markdown.Intro, markdown.QuickLinks, version, actor, now = DapperSetup.Format(now) };
        var saved = version == 0
            ? await connection.ExecuteAsync("""
                INSERT INTO bulletin_editorial (id, intro, quick_links, version, changed_by, changed_at)
                VALUES (1, @Intro, @QuickLinks, 1, @actor, @now)
                ON CONFLICT (id) DO NOTHING
                """, values, transaction)
            : await connection.ExecuteAsync("""
                UPDATE bulletin_editorial SET intro = @Intro, quick_links = @QuickLinks, version = version + 1, changed_by = @actor, changed_at = @now
                WHERE id = 1 AND version = @version
                """, values, transaction);
        if (saved == 1)
            return version + 1;
        var current = await FindAsync(connection, transaction);
        throw new ConflictProblem(current is null
            ? "The editorial you opened is no longer saved. Your change was not saved: check it and save again."
            : $"{current.ChangedBy} changed the editorial since you opened it (at {LondonTime.Describe(current.ChangedAt!.Value)}). " +
              "Your change was not saved: check it and save again.");
    }
}
