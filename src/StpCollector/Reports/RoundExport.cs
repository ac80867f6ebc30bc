using Dapper;
using StpCollector.Questionnaires;
using StpCollector.Storage;

namespace StpCollector.Reports;

/// <summary>
/// A round as a spreadsheet: one row per council in the audience (and any other council that sent a return), a column
/// per question, then where the answers came from. Invalid answers show what the council wrote, and are listed.
/// </summary>
public sealed class RoundExport(Database database, QuestionnaireCatalog catalog)
{
    public sealed record Table(RoundSummary Round, IReadOnlyList<string> Headers, IReadOnlyList<object?[]> Rows, IReadOnlyList<Question> Questions);

    private sealed record CouncilRow(string Code, string Name, string Region, string Footprints, long? ReturnId, string? Source,
        string? Provenance, string? Sender, string? ReceivedAt, long? Late);

    private sealed record AnswerRow(long ReturnId, string QuestionId, string? RawValue, string? Value, double? NumberValue, string Status);

    public async Task<Table> BuildAsync(string round, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var summary = await ReportRounds.GetAsync(connection, round);
        var questions = catalog.Get(summary.QuestionnaireId).Questions;
        var councils = await connection.QueryAsync<CouncilRow>("""
            WITH involved AS (
                SELECT council_code FROM round_councils WHERE round_id = @Id
                UNION SELECT council_code FROM returns WHERE round_id = @Id AND is_current = 1
            )
            SELECT c.code AS Code, c.name AS Name, c.region AS Region,
                   COALESCE((SELECT group_concat(cf.footprint_id, ';') FROM council_footprints cf WHERE cf.council_code = c.code), '') AS Footprints,
                   r.id AS ReturnId, r.source AS Source, r.provenance AS Provenance, r.sender AS Sender, r.received_at AS ReceivedAt, r.late AS Late
            FROM involved i
            JOIN councils c ON c.code = i.council_code
            LEFT JOIN returns r ON r.round_id = @Id AND r.council_code = c.code AND r.is_current = 1
            ORDER BY c.name
            """, new { summary.Id });
        var answers = (await connection.QueryAsync<AnswerRow>("""
                SELECT a.return_id AS ReturnId, a.question_id AS QuestionId, a.raw_value AS RawValue, a.value AS Value,
                       a.number_value AS NumberValue, a.status AS Status
                FROM returns r JOIN answers a ON a.return_id = r.id
                WHERE r.round_id = @Id AND r.is_current = 1
                """, new { summary.Id }))
            .ToLookup(a => a.ReturnId);

        var headers = new List<string> { "council_code", "council", "region", "footprints", "responded" };
        headers.AddRange(questions.Select(q => q.Id));
        headers.AddRange(["source", "provenance", "sender", "received_at", "late", "invalid_answers"]);
        var rows = councils.Select(c => Row(c, questions, c.ReturnId is { } id ? answers[id].ToList() : [])).ToList();
        return new Table(summary, headers, rows, questions);
    }

    private static object?[] Row(CouncilRow council, IReadOnlyList<Question> questions, List<AnswerRow> answers)
    {
        var byQuestion = answers.ToDictionary(a => a.QuestionId, StringComparer.OrdinalIgnoreCase);
        var cells = new List<object?> { council.Code, council.Name, council.Region, council.Footprints, council.ReturnId is null ? "no" : "yes" };
        foreach (var question in questions)
        {
            cells.Add(byQuestion.TryGetValue(question.Id, out var answer) ? Cell(question, answer) : null);
        }

        var invalid = answers.Where(a => a.Status == "invalid").Select(a => a.QuestionId).Order(StringComparer.Ordinal);
        cells.AddRange([council.Source, council.Provenance, council.Sender, council.ReceivedAt,
            council.Late is null ? null : council.Late == 1 ? "yes" : "no", string.Join(";", invalid)]);
        return cells.ToArray();
    }

    private static object? Cell(Question question, AnswerRow answer) => answer.Status switch
    {
        "valid" when answer.NumberValue is { } number && question.Type is QuestionType.Number or QuestionType.Percent or QuestionType.Scale => (decimal)number,
        "valid" => answer.Value,
        "invalid" => answer.RawValue,
        _ => null,
    };
}
