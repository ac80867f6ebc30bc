using System.Data.Common;
using System.Text.Json.Serialization;
using Dapper;
using StpCollector.Calendar;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Bulletins;

/// <summary>One piece of feedback: who wrote, from which council if we know, which bulletin it answers, and their own words.</summary>
internal sealed record FeedbackEntry(long Id, DateTimeOffset ReceivedAt, string Sender, long? SubscriberId, string? CouncilCode, string? CouncilName,
    long? BulletinId, long InboundId, string Subject, string Words, long? FaqId, [property: JsonIgnore] string? ThemeList)
{
    /// <summary>The themes it is tagged with (see <see cref="FeedbackThemes"/>), alphabetical.</summary>
    public IReadOnlyList<string> Themes => ThemeList is { Length: > 0 } list ? list.Split(',') : [];
}

/// <summary>What a subscriber wrote back to a bulletin, as recorded by <see cref="BulletinInboundHandler"/> and read by the feedback verbs.</summary>
internal sealed class FeedbackStore(Database database)
{
    private const string Columns = """
        SELECT f.id AS Id, f.received_at AS ReceivedAt, f.sender AS Sender, f.subscriber_id AS SubscriberId, f.council_code AS CouncilCode,
               c.name AS CouncilName, f.bulletin_id AS BulletinId, f.inbound_id AS InboundId, f.subject AS Subject, f.words AS Words, f.faq_id AS FaqId,
               (SELECT group_concat(theme, ',') FROM (SELECT theme FROM feedback_themes WHERE feedback_id = f.id ORDER BY theme) AS themes) AS ThemeList
        FROM feedback f LEFT JOIN councils c ON c.code = f.council_code
        """;

    public sealed record NewFeedback(long? SubscriberId, string Sender, string? CouncilCode, long? BulletinId, long InboundId, string Subject,
        string Words, DateTimeOffset ReceivedAt, long? FaqId = null);

    /// <summary>Records feedback inside the inbound pipeline's transaction, so it commits with the message's outcome.</summary>
    public static Task<long> RecordAsync(DbConnection connection, DbTransaction transaction, NewFeedback feedback, DateTimeOffset now) =>
        connection.ExecuteScalarAsync<long>("""
            INSERT INTO feedback (subscriber_id, sender, council_code, bulletin_id, inbound_id, subject, words, received_at, created_at, faq_id)
            VALUES (@SubscriberId, @Sender, @CouncilCode, @BulletinId, @InboundId, @Subject, @Words, @receivedAt, @now, @FaqId)
            RETURNING id
            """, new
        {
            feedback.SubscriberId, feedback.Sender, feedback.CouncilCode, feedback.BulletinId, feedback.InboundId, feedback.Subject, feedback.Words, feedback.FaqId,
            receivedAt = DapperSetup.Format(feedback.ReceivedAt), now = DapperSetup.Format(now),
        }, transaction);

    /// <summary>Feedback received on or after <paramref name="since"/> (a London date), about one bulletin and tagged with one theme if given; newest first.</summary>
    public async Task<IReadOnlyList<FeedbackEntry>> ListAsync(DateOnly? since, long? bulletinId, string? theme = null, CancellationToken cancellationToken = default)
    {
        var from = since is { } day ? DapperSetup.Format(LondonTime.FromLondon(day.ToDateTime(TimeOnly.MinValue))) : null;
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<FeedbackEntry>($"""
            {Columns}
            WHERE (@from IS NULL OR f.received_at >= @from) AND (@bulletinId IS NULL OR f.bulletin_id = @bulletinId)
              AND (@theme IS NULL OR EXISTS (SELECT 1 FROM feedback_themes t WHERE t.feedback_id = f.id AND t.theme = @theme))
            ORDER BY f.received_at DESC, f.id DESC
            """, new { from, bulletinId, theme })).ToList();
    }

    public async Task<FeedbackEntry> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<FeedbackEntry?>($"{Columns} WHERE f.id = @id", new { id })
               ?? throw new NotFoundProblem($"There is no feedback #{id}. See the feedback received with: stpcollector feedback list", field: "ID");
    }
}
