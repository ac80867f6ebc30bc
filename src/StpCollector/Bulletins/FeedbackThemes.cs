using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using StpCollector.Reports;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Bulletins;

/// <summary>How much feedback touches one theme: in all, and since the last bulletin was sent.</summary>
internal sealed record ThemeCount(string Theme, string Label, int Feedback, int SinceLastBulletin, bool Configured);

/// <summary>
/// Feedback is tagged with the same themes the free-text answers are grouped by (Reports:Themes, one definition read
/// by <see cref="ThemeMatcher"/>): automatically when it is recorded, and by staff with `feedback tag` and `untag`.
/// </summary>
internal sealed class FeedbackThemes(Database database, IOptions<ReportOptions> options, TimeProvider clock)
{
    public const string Auto = "auto";
    public const string Staff = "staff";

    private ThemeMatcher Matcher => new(options.Value);

    /// <summary>Tags new feedback with every theme its words use, inside the caller's transaction; returns the themes.</summary>
    public async Task<IReadOnlyList<string>> TagAutomaticallyAsync(DbConnection connection, DbTransaction transaction, long feedbackId, string words)
    {
        var found = Matcher.ThemesOf(words);
        foreach (var theme in found)
            await connection.ExecuteAsync("""
                INSERT INTO feedback_themes (feedback_id, theme, tagged_by, tagged_at) VALUES (@feedbackId, @theme, 'auto', @now)
                ON CONFLICT (feedback_id, theme) DO NOTHING
                """, new { feedbackId, theme, now = DapperSetup.Format(clock.GetUtcNow()) }, transaction);
        return found;
    }

    /// <summary>The configured theme's id for what staff typed (any case); a name the settings do not have is an error naming those they do.</summary>
    public string Known(string theme, string field = "THEME")
    {
        var themes = Matcher.Themes;
        var match = themes.Where(t => t.Id.Equals(theme.Trim(), StringComparison.OrdinalIgnoreCase)).Select(t => t.Id).FirstOrDefault();
        return match ?? throw new InvalidInputProblem(themes.Count == 0
                   ? $"There is no theme '{theme}': no themes are configured (Reports:Themes in appsettings.json)."
                   : $"There is no theme '{theme}'. The themes (Reports:Themes) are: {string.Join(", ", themes.Select(t => t.Id))}.", field);
    }

    /// <summary>Staff tag feedback with a configured theme; false when it already had it (an automatic tag becomes staff's).</summary>
    public async Task<bool> TagAsync(long feedbackId, string theme, CancellationToken cancellationToken)
    {
        var id = Known(theme);
        await using var connection = await database.OpenAsync(cancellationToken);
        await EnsureFeedbackAsync(connection, feedbackId);
        var had = await connection.ExecuteScalarAsync<string?>(
            "SELECT tagged_by FROM feedback_themes WHERE feedback_id = @feedbackId AND theme = @id", new { feedbackId, id });
        await connection.ExecuteAsync("""
            INSERT INTO feedback_themes (feedback_id, theme, tagged_by, tagged_at) VALUES (@feedbackId, @id, 'staff', @now)
            ON CONFLICT (feedback_id, theme) DO UPDATE SET tagged_by = 'staff'
            """, new { feedbackId, id, now = DapperSetup.Format(clock.GetUtcNow()) });
        return had is null;
    }

    /// <summary>Removes a tag, automatic or staff's; also of a theme no longer configured.</summary>
    public async Task UntagAsync(long feedbackId, string theme, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await EnsureFeedbackAsync(connection, feedbackId);
        var removed = await connection.ExecuteAsync(
            "DELETE FROM feedback_themes WHERE feedback_id = @feedbackId AND theme = @theme COLLATE NOCASE", new { feedbackId, theme = theme.Trim() });
        if (removed == 0)
        {
            var tags = (await connection.QueryAsync<string>("SELECT theme FROM feedback_themes WHERE feedback_id = @feedbackId ORDER BY theme", new { feedbackId })).ToList();
            throw new NotFoundProblem($"Feedback #{feedbackId} is not tagged '{theme}'; " +
                                      (tags.Count == 0 ? "it has no themes." : $"its themes are: {string.Join(", ", tags)}."), "THEME");
        }
    }

    /// <summary>Each configured theme with its feedback counts (then any theme still on feedback but no longer configured).</summary>
    public async Task<IReadOnlyList<ThemeCount>> CountsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var lastSent = await connection.ExecuteScalarAsync<string?>("SELECT max(sent_at) FROM bulletins WHERE status = 'sent'");
        var counts = (await connection.QueryAsync<(string Theme, long Feedback, long Since)>("""
            SELECT t.theme, count(*), sum(CASE WHEN @lastSent IS NULL OR f.received_at >= @lastSent THEN 1 ELSE 0 END)
            FROM feedback_themes t JOIN feedback f ON f.id = t.feedback_id
            GROUP BY t.theme
            """, new { lastSent })).ToDictionary(c => c.Theme, StringComparer.OrdinalIgnoreCase);
        var configured = Matcher.Themes;
        return configured
            .Select(t => counts.TryGetValue(t.Id, out var c) ? new ThemeCount(t.Id, t.Label, (int)c.Feedback, (int)c.Since, true) : new ThemeCount(t.Id, t.Label, 0, 0, true))
            .Concat(counts.Values.Where(c => !configured.Any(t => t.Id.Equals(c.Theme, StringComparison.OrdinalIgnoreCase)))
                .OrderBy(c => c.Theme, StringComparer.Ordinal)
                .Select(c => new ThemeCount(c.Theme, c.Theme, (int)c.Feedback, (int)c.Since, false)))
            .ToList();
    }

    /// <summary>When the last bulletin was sent; null before the first.</summary>
    public async Task<DateTimeOffset?> LastBulletinSentAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>("SELECT max(sent_at) FROM bulletins WHERE status = 'sent'") is { } sent
            ? DapperSetup.ParseTimestamp(sent)
            : null;
    }

    private static async Task EnsureFeedbackAsync(DbConnection connection, long feedbackId)
    {
        if (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM feedback WHERE id = @feedbackId", new { feedbackId }) == 0)
            throw new NotFoundProblem($"There is no feedback #{feedbackId}. See the feedback received with: stpcollector feedback list", "ID");
    }
}
