using Dapper;
using Microsoft.Data.Sqlite;

namespace StpCollector.Reports;

/// <summary>
/// The rows a round report is computed from: the audience with region and footprints, and the valid answers of
/// current returns. Each query walks one index (ix_returns_round, then the answers primary key), so a round of
/// 400 councils and 40 questions reads about 16,000 rows however many rounds the database holds.
/// </summary>
public sealed class ReportData
{
    public sealed record CouncilRow(string Code, string Name, string Region);

    public sealed record FootprintRow(string CouncilCode, string FootprintId, string FootprintName);

    public sealed record AnswerRow(string CouncilCode, string QuestionId, string? Value, double? NumberValue);

    public required IReadOnlyDictionary<string, CouncilRow> Councils { get; init; }
    public required ILookup<string, FootprintRow> Footprints { get; init; }
    public required IReadOnlySet<string> Audience { get; init; }
    public required IReadOnlySet<string> Responded { get; init; }
    public required IReadOnlyList<AnswerRow> Answers { get; init; }

    public const string AnswersSql = """
        SELECT r.council_code AS CouncilCode, a.question_id AS QuestionId, a.value AS Value, a.number_value AS NumberValue
        FROM returns r
        JOIN answers a ON a.return_id = r.id
        WHERE r.round_id = @roundId AND r.is_current = 1 AND a.status = 'valid'
        """;

    public static async Task<ReportData> LoadAsync(SqliteConnection connection, long roundId)
    {
        var audience = (await connection.QueryAsync<string>(
            "SELECT council_code FROM round_councils WHERE round_id = @roundId", new { roundId })).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var responded = (await connection.QueryAsync<string>(
            "SELECT council_code FROM returns WHERE round_id = @roundId AND is_current = 1", new { roundId })).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var involved = audience.Union(responded, StringComparer.OrdinalIgnoreCase).ToList();
        var councils = (await connection.QueryAsync<CouncilRow>(
                "SELECT code AS Code, name AS Name, region AS Region FROM councils WHERE code IN @involved", new { involved }))
            .ToDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);
        var footprints = (await connection.QueryAsync<FootprintRow>("""
                SELECT cf.council_code AS CouncilCode, f.id AS FootprintId, f.name AS FootprintName
                FROM council_footprints cf JOIN footprints f ON f.id = cf.footprint_id
                WHERE cf.council_code IN @involved
                """, new { involved }))
            .ToLookup(f => f.CouncilCode, StringComparer.OrdinalIgnoreCase);
        var answers = (await connection.QueryAsync<AnswerRow>(AnswersSql, new { roundId })).ToList();
        return new ReportData { Councils = councils, Footprints = footprints, Audience = audience, Responded = responded, Answers = answers };
    }

    private ILookup<string, AnswerRow>? byQuestion;

    public IEnumerable<AnswerRow> AnswersTo(string questionId) =>
        (byQuestion ??= Answers.ToLookup(a => a.QuestionId, StringComparer.OrdinalIgnoreCase))[questionId];

    public bool IsLondon(string councilCode) => Councils.TryGetValue(councilCode, out var c) && c.Region == "London";
}
