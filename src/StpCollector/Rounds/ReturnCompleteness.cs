using System.Data.Common;
using Dapper;
using StpCollector.Questionnaires;

namespace StpCollector.Rounds;

/// <summary>A required question a return does not answer usably; Why says so in words a council officer reads.</summary>
internal sealed record MissingAnswer(string Id, string Text, string Why);

/// <summary>
/// Complete or partial: a return is partial when a question the questionnaire marks required has no answer, or an
/// answer that is not valid. Optional questions never make a return partial.
/// </summary>
internal static class ReturnCompleteness
{
    public sealed record AnswerState(string QuestionId, string Status, string? Problem);

    public static IReadOnlyList<MissingAnswer> MissingRequired(Questionnaire questionnaire, IEnumerable<AnswerState> answers)
    {
        var byQuestion = answers.ToDictionary(a => a.QuestionId, StringComparer.OrdinalIgnoreCase);
        var missing = new List<MissingAnswer>();
        foreach (var question in questionnaire.Questions.Where(q => q.Required))
        {
            if (!byQuestion.TryGetValue(question.Id, out var answer) || answer.Status == "missing")
                missing.Add(new MissingAnswer(question.Id, question.Text, "not answered"));
            else if (answer.Status != "valid")
                missing.Add(new MissingAnswer(question.Id, question.Text, $"the answer could not be used{(answer.Problem is { Length: > 0 } p ? $": {p}" : "")}"));
        }

        return missing;
    }

    /// <summary>
    /// For each council of the round with a current return: the required answers it lacks (empty when complete). An answer
    /// staff corrected counts as answered (a correction is always a valid answer).
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<MissingAnswer>>> ForRoundAsync(
        DbConnection connection, long roundId, Questionnaire questionnaire, DbTransaction? transaction = null)
    {
        var rows = await connection.QueryAsync<(string CouncilCode, string? QuestionId, string? Status, string? Problem)>("""
            SELECT r.council_code, a.question_id,
                   CASE WHEN EXISTS (SELECT 1 FROM answer_corrections k WHERE k.return_id = a.return_id AND k.question_id = a.question_id)
                        THEN 'valid' ELSE a.status END,
                   a.problem
            FROM returns r LEFT JOIN answers a ON a.return_id = r.id
            WHERE r.round_id = @roundId AND r.is_current = 1
            """, new { roundId }, transaction);
        return rows.GroupBy(r => r.CouncilCode, StringComparer.OrdinalIgnoreCase).ToDictionary(
            g => g.Key,
            g => MissingRequired(questionnaire, g.Where(r => r.QuestionId is not null).Select(r => new AnswerState(r.QuestionId!, r.Status!, r.Problem))),
            StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>"Q3, Q7": the ids, for a table cell.</summary>
    public static string Ids(IEnumerable<MissingAnswer> missing) => string.Join(", ", missing.Select(m => m.Id));
}
