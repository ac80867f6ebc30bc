using Dapper;
using StpCollector.Foi;
using StpCollector.Questionnaires;
using StpCollector.Rounds;
using StpCollector.Storage;

namespace StpCollector.Reports;

/// <summary>
/// A round as a spreadsheet: one row per council in the audience (and any other council that sent a return), a column
/// per question with what the council wrote beside its answer next to it (Qn_note), then where the answers came from.
/// With FoI columns, each question keeps its FoI value and source beside it, and the Qn_note columns follow the questions. Invalid answers show what the council wrote, and are listed.
/// With an FoI batch, the councils it asked join the rows and each question gains the FoI value and its source.
/// </summary>
internal sealed class RoundExport(Database database, QuestionnaireCatalog catalog, FoiRequestStore foiRequests)
{
    public sealed record Table(Round Round, IReadOnlyList<string> Headers, IReadOnlyList<object?[]> Rows, IReadOnlyList<Question> Questions);

    private sealed record CouncilRow(string Code, string Name, string Region, string Footprints, long? ReturnId, string? Source,
        string? Provenance, string? Sender, string? ReceivedAt, long? Late);

    public Task<Table> BuildAsync(string round, CancellationToken cancellationToken = default) => BuildAsync(round, withFoi: null, cancellationToken);

    public async Task<Table> BuildAsync(string round, long? withFoi, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var summary = await ReportRounds.GetAsync(connection, round);
        var questions = catalog.Get(summary.QuestionnaireId).Questions;
        var foi = withFoi is { } batch ? await FoiExportColumns.LoadAsync(connection, summary, batch, foiRequests, cancellationToken) : null;
        var councils = await connection.QueryAsync<CouncilRow>("""
            WITH involved AS (
                SELECT council_code FROM round_councils WHERE round_id = @Id
                UNION SELECT council_code FROM returns WHERE round_id = @Id AND is_current = 1
                UNION SELECT council_code FROM foi_requests WHERE batch_id = @batchId
            )
            SELECT c.code AS Code, c.name AS Name, c.region AS Region,
                   COALESCE((SELECT group_concat(f.footprint_id, ';')
                             FROM (SELECT footprint_id FROM council_footprints cf WHERE cf.council_code = c.code ORDER BY footprint_id) AS f), '') AS Footprints,
                   r.id AS ReturnId, r.source AS Source, r.provenance AS Provenance, r.sender AS Sender, r.received_at AS ReceivedAt, r.late AS Late
            FROM involved i
            JOIN councils c ON c.code = i.council_code
            LEFT JOIN returns r ON r.round_id = @Id AND r.council_code = c.code AND r.is_current = 1
            ORDER BY c.name
            """, new { summary.Id, batchId = withFoi });
        var answers = await CouncilAnswers.SurveyAsync(connection, summary.Id);

        var headers = new List<string> { "council_code", "council", "region", "footprints", "responded" };
        foreach (var question in questions)
            headers.AddRange(foi is null ? [question.Id, NoteHeader(question)] : [question.Id, .. FoiExportColumns.QuestionHeaders(question)]);
        if (foi is not null)
            headers.AddRange(questions.Select(NoteHeader));
        headers.AddRange(["source", "provenance", "sender", "received_at", "late", "invalid_answers"]);
        if (foi is not null)
            headers.AddRange(FoiExportColumns.CouncilHeaders);
        var rows = councils.Select(c => Row(c, questions, answers[c.Code].ToList(), foi)).ToList();
        return new Table(summary, headers, rows, questions);
    }

    private static object?[] Row(CouncilRow council, IReadOnlyList<Question> questions, List<CouncilAnswer> answers, FoiExportColumns? foi)
    {
        var byQuestion = answers.ToDictionary(a => a.QuestionId, StringComparer.OrdinalIgnoreCase);
        var cells = new List<object?> { council.Code, council.Name, council.Region, council.Footprints, council.ReturnId is null ? "no" : "yes" };
        foreach (var question in questions)
        {
            var answer = byQuestion.GetValueOrDefault(question.Id);
            cells.Add(Cell(question, answer));
            if (foi is null)
                cells.Add(answer?.Comment);
            else
                cells.AddRange(foi.QuestionCells(question, council.Code, answer));
        }

        if (foi is not null)
            cells.AddRange(questions.Select(q => (object?)byQuestion.GetValueOrDefault(q.Id)?.Comment));

        var invalid = answers.Where(a => a.Status == "invalid").Select(a => a.QuestionId).Order(StringComparer.Ordinal);
        cells.AddRange([council.Source, council.Provenance, council.Sender, council.ReceivedAt,
            council.Late is null ? null : council.Late == 1 ? "yes" : "no", string.Join(";", invalid)]);
        if (foi is not null)
            cells.AddRange(foi.CouncilCells(council.Code));
        return cells.ToArray();
    }

    /// <summary>The column beside a question's answer for the council's comment on it; import reads it back as that comment.</summary>
    public static string NoteHeader(Question question) => $"{question.Id}_note";

    /// <summary>A valid answer as its value (numbers as numbers); otherwise what the council wrote, or nothing.</summary>
    public static object? Cell(Question question, CouncilAnswer? answer) => answer?.Status switch
    {
        "valid" when answer.NumberValue is { } number && question.Type.IsNumeric => (decimal)number,
        "valid" => answer.Value,
        "invalid" or "unchecked" => answer.RawValue,
        _ => null,
    };
}
