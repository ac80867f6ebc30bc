using System.Data.Common;
using Dapper;

namespace StpCollector.Reports;

/// <summary>
/// What a round report is computed from, counted by SQLite: for each group, question and distinct answer, how many
/// councils gave it (an answer staff corrected counts as corrected). The answers of current returns are reached through ix_returns_round (covering) and the answers
/// primary key, so a round of 400 councils and 40 questions groups about 16,000 rows into a few hundred, however many
/// rounds the database holds. Free text comes back once per distinct text, with its count, for the themes.
/// </summary>
internal sealed class ReportData
{
    public const string All = "All";

    /// <summary>Councils in Group whose valid answer to QuestionId was Value (and NumberValue).</summary>
    public sealed record AnswerCount(string Group, string QuestionId, string? Value, double? NumberValue, long Councils);

    public required IReadOnlySet<string> Audience { get; init; }
    public required IReadOnlySet<string> Responded { get; init; }
    public required IReadOnlyList<AnswerCount> Counts { get; init; }

    private ILookup<(string, string), AnswerCount>? byQuestion;

    public IReadOnlyList<string> Groups => Counts.Select(c => c.Group).Where(g => g != All).Distinct().Order(StringComparer.Ordinal).ToList();

    public IReadOnlyList<AnswerCount> CountsFor(string group, string questionId) =>
        (byQuestion ??= Counts.ToLookup(c => (c.Group, c.QuestionId.ToUpperInvariant())))[(group, questionId.ToUpperInvariant())].ToList();

    public static string CountsSql(ReportBreakdown by) => $"""
        SELECT {GroupExpression(by)} AS "Group", a.question_id AS QuestionId, {CorrectedAnswers.Value} AS Value, {CorrectedAnswers.Number} AS NumberValue, count(*) AS Councils
        FROM returns r
        {GroupJoin(by)}
        JOIN answers a ON a.return_id = r.id
        {CorrectedAnswers.Join}
        WHERE r.round_id = @roundId AND r.is_current = 1 AND {CorrectedAnswers.Status} = 'valid'
        GROUP BY 1, 2, 3, 4
        ORDER BY 1, 2, 3
        """;

    private static string GroupExpression(ReportBreakdown by) => by switch
    {
        ReportBreakdown.Region => "CASE WHEN c.region = 'London' THEN 'London' ELSE 'Rest of England' END",
        ReportBreakdown.Footprint => "f.name",
        _ => "'All'",
    };

    private static string GroupJoin(ReportBreakdown by) => by switch
    {
        ReportBreakdown.Region => "JOIN councils c ON c.code = r.council_code",
        ReportBreakdown.Footprint => "JOIN council_footprints cf ON cf.council_code = r.council_code JOIN footprints f ON f.id = cf.footprint_id",
        _ => "",
    };

    public static async Task<ReportData> LoadAsync(DbConnection connection, long roundId, ReportBreakdown by)
    {
        var audience = (await connection.QueryAsync<string>(
            "SELECT council_code FROM round_councils WHERE round_id = @roundId", new { roundId })).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var responded = (await connection.QueryAsync<string>(
            "SELECT council_code FROM returns WHERE round_id = @roundId AND is_current = 1", new { roundId })).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var counts = (await connection.QueryAsync<AnswerCount>(CountsSql(ReportBreakdown.None), new { roundId })).ToList();
        if (by != ReportBreakdown.None)
            counts.AddRange(await connection.QueryAsync<AnswerCount>(CountsSql(by), new { roundId }));
        return new ReportData { Audience = audience, Responded = responded, Counts = counts };
    }
}
