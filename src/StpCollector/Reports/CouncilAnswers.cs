using System.Data.Common;
using Dapper;

namespace StpCollector.Reports;

/// <summary>
/// One council's answer to one question as reports read it, from a current survey return or an FoI request; Comment is
/// what the council wrote beside the answer (survey returns only).
/// </summary>
internal sealed record CouncilAnswer(string CouncilCode, string QuestionId, string? RawValue, string? Value, double? NumberValue, string Status, string? Comment = null)
{
    public bool IsValid => Status == "valid";
}

/// <summary>Every council's answers to a round (current returns, as staff last corrected them) or to an FoI batch, by council.</summary>
internal static class CouncilAnswers
{
    public static async Task<ILookup<string, CouncilAnswer>> SurveyAsync(DbConnection connection, long roundId) =>
        (await connection.QueryAsync<CouncilAnswer>($"""
            SELECT r.council_code AS CouncilCode, a.question_id AS QuestionId, {CorrectedAnswers.Raw} AS RawValue, {CorrectedAnswers.Value} AS Value,
                   {CorrectedAnswers.Number} AS NumberValue, {CorrectedAnswers.Status} AS Status, {CorrectedAnswers.Comment} AS Comment
            FROM returns r JOIN answers a ON a.return_id = r.id
            {CorrectedAnswers.Join}
            WHERE r.round_id = @roundId AND r.is_current = 1
            """, new { roundId }))
        .ToLookup(a => a.CouncilCode, StringComparer.OrdinalIgnoreCase);

    public static async Task<ILookup<string, CouncilAnswer>> FoiAsync(DbConnection connection, long batchId) =>
        (await connection.QueryAsync<CouncilAnswer>("""
            SELECT r.council_code AS CouncilCode, a.question_id AS QuestionId, a.raw_value AS RawValue, a.value AS Value,
                   a.number_value AS NumberValue, a.status AS Status, '' AS Comment
            FROM foi_requests r JOIN foi_answers a ON a.request_id = r.id
            WHERE r.batch_id = @batchId
            """, new { batchId }))
        .ToLookup(a => a.CouncilCode, StringComparer.OrdinalIgnoreCase);

    public static CouncilAnswer? Find(this ILookup<string, CouncilAnswer> answers, string councilCode, string questionId) =>
        answers[councilCode].FirstOrDefault(a => string.Equals(a.QuestionId, questionId, StringComparison.OrdinalIgnoreCase));
}
