using System.Data.Common;
using System.Globalization;
using Dapper;
using StpCollector.Ingestion;
using StpCollector.Questionnaires;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Rounds;

/// <summary>
/// `stpcollector import FILE --round R`: a staff file of any size (CSV or XLSX, long or wide layout) streamed
/// into returns in one transaction, every row validated like a reply. Memory holds one council's block of rows at
/// a time, never the file. Rows that cannot be stored are reported with their line as they are met.
/// </summary>
internal sealed class BulkImporter(Database database, QuestionnaireCatalog questionnaires, TimeProvider clock)
{
    public sealed record Summary(string File, string Format, string Round, long Rows, long Returns, long Replaced, long Answers, long Valid, long Invalid, long Missing, long Rejected);

    /// <summary>A row not stored (Rejected) or stored with an invalid answer; Council and Question as far as they are known.</summary>
    public sealed record Problem(int Line, string Message, bool Rejected, string? Council = null, string? Question = null);

    public async Task<Summary> ImportAsync(string path, string roundKey, Action<Problem> report, Action<double, long>? progress, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
            throw new NotFoundProblem($"There is no file {path}.", field: "file");
        if (!Tabular.IsCsvName(path) && !Tabular.IsXlsxName(path))
            throw new InvalidInputProblem($"{path}: import reads .csv and .xlsx files.", field: "file");
        await using var connection = await database.OpenAsync(cancellationToken);
        var round = await Round.FindAsync(connection, roundKey)
            ?? throw new NotFoundProblem($"There is no round '{roundKey}'. Give its reference, e.g. --round STP-R12.", field: "round");
        var questionnaire = questionnaires.Find(round.QuestionnaireId)
            ?? throw new UnavailableProblem($"Round {round.Reference} uses questionnaire '{round.QuestionnaireId}', which is not in config/questionnaires.");
        Tabular table;
        ReturnLayout layout;
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            table = Tabular.Open(stream, Path.GetFileName(path));
            layout = ReturnLayout.Detect(table.Headers, Path.GetFileName(path));
        }
        catch (UnreadableFileException e)
        {
            throw new UnprocessableProblem(e.Message, field: "file");
        }

        using var _ = table;
        if (layout.CouncilColumn < 0)
            throw new InvalidInputProblem($"{path}, line 1: there is no council_code column, so the rows cannot be given to councils.", field: "file");

        var now = clock.GetUtcNow();
        long rejected = 0;
        void Report(Problem problem)
        {
            if (problem.Rejected)
                rejected++;
            report(problem);
        }

        // PostgreSQL keeps its foreign keys and index while the rows stream in through COPY; see ImportStorage for SQLite's.
        var sqlite = !database.IsPostgreSql;
        await using var foreignKeysOff = sqlite ? await ImportStorage.ForeignKeysOffAsync(connection) : null;
        await using (var transaction = (DbTransaction)await connection.BeginTransactionAsync(cancellationToken))
        {
            // Read inside the transaction: with foreign keys off, the councils the rows are checked against are the ones that exist at commit.
            var councils = await CouncilNamesAsync(connection, transaction);
            var deferredIndex = sqlite ? await ImportStorage.DeferAnswerIndexAsync(connection, transaction, new FileInfo(path).Length) : null;
            // Declared inside the transaction's block so that its writing thread is stopped before any rollback.
            using var writer = new BlockWriter(connection, round, questionnaire, Path.GetFileName(path), DapperSetup.Format(now), Report);
            writer.Begin(await connection.QueryAsync<(string, long)>(
                "SELECT council_code, id FROM returns WHERE round_id = @Id AND is_current = 1", new { round.Id }, transaction));
            var questionColumns = layout.Kind == LayoutKind.Wide ? ResolveColumns(layout, questionnaire, Report) : [];
            var lookup = new QuestionLookup(questionnaire);
            long rows = 0;
            foreach (var row in table.Rows())
            {
                if ((++rows & 0x3FFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Invoke(table.Progress(), rows);
                }

                var fields = row.Fields;
                var councilText = Field(fields, layout.CouncilColumn);
                if (!councils.TryGetValue(councilText, out var council))
                {
                    Report(new Problem(row.Line, councilText.Length == 0 ? "no council code; row not stored" : $"unknown council '{Excerpt.Of(councilText)}'; row not stored", true, councilText));
                    continue;
                }

                if (layout.RoundColumn >= 0 && Field(fields, layout.RoundColumn) is { Length: > 0 } rowRound
                    && !rowRound.Equals(round.Reference, StringComparison.OrdinalIgnoreCase) && rowRound != round.Id.ToString(CultureInfo.InvariantCulture))
                {
                    Report(new Problem(row.Line, $"the row is for round '{Excerpt.Of(rowRound)}', not {round.Reference}; row not stored", true, council));
                    continue;
                }

                if (layout.Kind == LayoutKind.Wide)
                {
                    writer.Start(council, row.Line);
                    foreach (var (column, index, comment) in questionColumns)
                        writer.Add(index, Field(fields, column), row.Line, comment < 0 ? null : Field(fields, comment));
                    writer.Flush();
                    continue;
                }

                var key = Field(fields, layout.QuestionColumn);
                var questionIndex = lookup.IndexOf(key);
                if (questionIndex < 0)
                {
                    Report(new Problem(row.Line, key.Length == 0 ? "no question id; row not stored" : $"there is no question '{Excerpt.Of(key)}' in \"{questionnaire.Title}\"; row not stored", true, council, key));
                    continue;
                }

                if (!writer.Continues(council))
                {
                    writer.Flush();
                    writer.Start(council, row.Line);
                }

                writer.Add(questionIndex, Field(fields, layout.AnswerColumn), row.Line, layout.CommentColumn < 0 ? null : Field(fields, layout.CommentColumn));
            }

            writer.Flush();
            await writer.CompleteAsync();
            await ImportStorage.RestoreAnswerIndexAsync(connection, transaction, deferredIndex);
            progress?.Invoke(1, rows);
            await transaction.CommitAsync(cancellationToken);
            return new Summary(path, table.Description, round.Reference, rows, writer.Returns, writer.Replaced, writer.Answers, writer.Valid, writer.Invalid, writer.Missing, rejected);
        }
    }

    private static async Task<Dictionary<string, string>> CouncilNamesAsync(DbConnection connection, DbTransaction transaction)
    {
        var councils = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (code, name) in await connection.QueryAsync<(string, string)>("SELECT code, name FROM councils", transaction: transaction))
        {
            councils[code] = code;
            councils.TryAdd(name, code);
        }

        return councils;
    }

    private static List<(int Column, int Index, int Comment)> ResolveColumns(ReturnLayout layout, Questionnaire questionnaire, Action<Problem> report)
    {
        var lookup = new QuestionLookup(questionnaire);
        var columns = new List<(int, int, int)>();
        foreach (var (column, key) in layout.QuestionColumns)
        {
            var index = lookup.IndexOf(key);
            if (index < 0)
                report(new Problem(1, $"column {column + 1} ('{key}') is not a question in \"{questionnaire.Title}\"; that column is ignored", false, Question: key));
            else
                columns.Add((column, index, layout.CommentColumns.GetValueOrDefault(key, -1)));
        }

        return columns;
    }

    private static string Field(string[] fields, int column) => column < fields.Length ? fields[column].Trim() : "";

    /// <summary>Question ids to positions, remembering what each distinct spelling resolved to.</summary>
    private sealed class QuestionLookup(Questionnaire questionnaire)
    {
        private readonly Dictionary<string, int> cache = new(StringComparer.OrdinalIgnoreCase);

        public int IndexOf(string key)
        {
            if (cache.TryGetValue(key, out var index))
                return index;
            var question = key.Length == 0 ? null : ReturnChecker.Resolve(questionnaire, key);
            index = question is null ? -1 : questionnaire.Questions.ToList().IndexOf(question);
            if (cache.Count < 10_000)
                cache[key] = index;
            return index;
        }
    }
}
