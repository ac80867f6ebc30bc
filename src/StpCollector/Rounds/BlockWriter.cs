using System.Data.Common;
using StpCollector.Ingestion;
using StpCollector.Questionnaires;

namespace StpCollector.Rounds;

/// <summary>
/// Collects one council's answers (a run of rows in the long layout, one row in the wide layout) and checks them on
/// the reading thread, reporting problems in line order; <see cref="BlockStore"/> writes them as a return on its
/// own thread, into SQLite or PostgreSQL. A council met again later in the file gets a new return that supersedes the
/// earlier one, exactly as a second email would.
/// </summary>
internal sealed class BlockWriter : IDisposable
{
    private readonly IReadOnlyList<Question> questions;
    private readonly string fileName;
    private readonly Action<BulkImporter.Problem> report;
    private readonly AnswerCache checkedAnswers;
    private readonly string?[] raws;
    private readonly string?[] comments;
    private readonly int[] lines;
    private readonly BlockStore store;
    private string? council;
    private int firstLine, lastLine;

    public BlockWriter(DbConnection connection, Round round, Questionnaire questionnaire, string fileName, string now, Action<BulkImporter.Problem> report)
    {
        questions = questionnaire.Questions;
        this.fileName = fileName;
        this.report = report;
        raws = new string?[questions.Count];
        comments = new string?[questions.Count];
        checkedAnswers = new AnswerCache(questions);
        lines = new int[questions.Count];
        store = new BlockStore(connection switch
        {
            Npgsql.NpgsqlConnection postgres => new PostgresBlockSink(postgres, round, now),
            Microsoft.Data.Sqlite.SqliteConnection sqlite => new SqliteBlockSink(sqlite, round, now),
            _ => throw new NotSupportedException($"The import cannot write through {connection.GetType().Name}."),
        });
    }

    public long Returns => store.Returns;
    public long Replaced => store.Replaced;
    public long Answers { get; private set; }
    public long Valid { get; private set; }
    public long Invalid { get; private set; }
    public long Missing { get; private set; }

    /// <summary>Starts the writing thread, given the round's current returns (which the file's supersede).</summary>
    public void Begin(IEnumerable<(string Council, long Id)> currentReturns) => store.Start(currentReturns);

    /// <summary>Waits until every block is written; read <see cref="Returns"/> and <see cref="Replaced"/> after it.</summary>
    public Task CompleteAsync() => store.CompleteAsync();

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
        var answers = new AnswerCache.Encoded[questions.Count];
        var blockComments = new string?[questions.Count];
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

            answers[i] = encoded;
            blockComments[i] = Comment(answer, comments[i]);
            Answers++;
        }

        store.Add(new CheckedBlock(council, provenance, answers, blockComments));
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

    public void Dispose() => store.Dispose();
}
