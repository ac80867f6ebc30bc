using Microsoft.Data.Sqlite;
using StpCollector.Ingestion;
using StpCollector.Questionnaires;

namespace StpCollector.Rounds;

/// <summary>
/// Collects one council's answers (a run of rows in the long layout, one row in the wide layout), checks them and
/// writes them as a return through prepared raw statements. A council met again later in the file gets a new
/// return that supersedes the earlier one, exactly as a second email would.
/// </summary>
internal sealed class BlockWriter : IDisposable
{
    private readonly Round round;
    private readonly IReadOnlyList<Question> questions;
    private readonly string fileName;
    private readonly string now;
    private readonly bool late;
    private readonly Action<BulkImporter.Problem> report;
    private readonly Dictionary<string, long> current = new(StringComparer.Ordinal);
    private readonly AnswerCache checkedAnswers;
    private readonly string?[] raws;
    private readonly string?[] comments;
    private readonly int[] lines;
    private readonly RawStatement retire, insertReturn, link, insertAnswer;
    private string? council;
    private int firstLine, lastLine;

    public BlockWriter(SqliteConnection connection, Round round, Questionnaire questionnaire, string fileName, string now, Action<BulkImporter.Problem> report)
    {
        this.round = round;
        questions = questionnaire.Questions;
        this.fileName = fileName;
        this.now = now;
        late = RoundDelivery.IsLate(round.ClosesAt, Storage.DapperSetup.ParseTimestamp(now));
        this.report = report;
        raws = new string?[questions.Count];
        comments = new string?[questions.Count];
        checkedAnswers = new AnswerCache(questions);
        lines = new int[questions.Count];
        var db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        retire = new RawStatement(db, "UPDATE returns SET is_current = 0 WHERE id = ?1");
        insertReturn = new RawStatement(db, """
            INSERT INTO returns (round_id, council_code, source, provenance, sender, received_at, late, is_current, superseded_by, created_at, inbound_id)
            VALUES (?1, ?2, 'staff_import', ?3, NULL, ?4, ?5, 1, NULL, ?4, NULL)
            """);
        link = new RawStatement(db, "UPDATE returns SET superseded_by = ?1 WHERE id = ?2");
        insertAnswer = new RawStatement(db, """
            INSERT INTO answers (return_id, question_id, raw_value, value, number_value, status, problem, note, comment)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            """);
    }

    public long Returns { get; private set; }
    public long Replaced { get; private set; }
    public long Answers { get; private set; }
    public long Valid { get; private set; }
    public long Invalid { get; private set; }
    public long Missing { get; private set; }

    public void LoadCurrent(IEnumerable<(string Council, long Id)> rows)
    {
        foreach (var (code, id) in rows)
            current[code] = id;
    }

    public bool Continues(string councilCode) => council is not null && string.Equals(council, councilCode, StringComparison.Ordinal);

    public void Start(string councilCode, int line)
    {
        council = councilCode;
        firstLine = lastLine = line;
        Array.Clear(raws);
        Array.Clear(comments);
    }

    public void Add(int questionIndex, string raw, int line, string? comment = null)
    {
        lastLine = line;
        if (raws[questionIndex] is not null)
        {
            report(new BulkImporter.Problem(line, $"{questions[questionIndex].Id} for {council} is already answered on line {lines[questionIndex]}; row not stored", true,
                council, questions[questionIndex].Id));
            return;
        }

        raws[questionIndex] = raw;
        comments[questionIndex] = string.IsNullOrWhiteSpace(comment) ? null : comment;
        lines[questionIndex] = line;
    }

    public void Flush()
    {
        if (council is null)
            return;
        var provenance = firstLine == lastLine ? $"{fileName} line {firstLine}" : $"{fileName} lines {firstLine}-{lastLine}";
        // One current return per council and round (a unique index): retire the old one before inserting.
        var replaces = current.TryGetValue(council, out var old);
        if (replaces)
            retire.Int(1, old).Run();
        var id = insertReturn.Int(1, round.Id).Text(2, council).Text(3, provenance).Text(4, now).Int(5, late ? 1 : 0).Run();
        if (replaces)
        {
            link.Int(1, id).Int(2, old).Run();
            Replaced++;
        }

        current[council] = id;
        Returns++;
        for (var i = 0; i < questions.Count; i++)
        {
            var encoded = checkedAnswers.Get(i, raws[i]);
            var answer = encoded.Answer;
            switch (answer.Status)
            {
                case AnswerStatus.Valid: Valid++; break;
                case AnswerStatus.Invalid:
                    Invalid++;
                    report(new BulkImporter.Problem(lines[i], $"{council} {answer.QuestionId}: stored as invalid: {answer.Problem}", false,
                        council, answer.QuestionId));
                    break;
                default: Missing++; break;
            }

            insertAnswer.Int(1, id).Utf8(2, encoded.QuestionId).Utf8(3, encoded.Raw).Utf8(4, encoded.Value).Real(5, answer.Number)
                .Utf8(6, encoded.Status).Utf8(7, encoded.Problem).Utf8(8, encoded.Note).Text(9, Comment(answer, comments[i])).Run();
            Answers++;
        }

        council = null;
    }

    /// <summary>What the answer cell said beside the answer, and the row's comment column, together.</summary>
    private static string? Comment(CheckedAnswer answer, string? column) =>
        (answer.Comment, column) switch
        {
            (null, _) => column,
            (_, null) => answer.Comment,
            _ => $"{answer.Comment}; {column}",
        };

    public void Dispose()
    {
        retire.Dispose();
        insertReturn.Dispose();
        link.Dispose();
        insertAnswer.Dispose();
    }
}
