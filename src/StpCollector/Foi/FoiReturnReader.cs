using Dapper;
using Microsoft.Data.Sqlite;
using MimeKit;
using StpCollector.Files;
using StpCollector.Questionnaires;

namespace StpCollector.Foi;

/// <summary>
/// Reads a structured FoI return — the CSV template sent with the request (question_id and answer columns) —
/// into answers for the request. Letters and PDFs are left for staff to code.
/// </summary>
public sealed class FoiReturnReader(QuestionnaireCatalog questionnaires)
{
    public async Task<int> TryReadAsync(long requestId, MimePart attachment, string storedPath, SqliteConnection connection,
        SqliteTransaction transaction, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var questionnaire = await QuestionnaireOfAsync(requestId, connection, transaction);
        if (questionnaire is null || !IsCsv(attachment))
            return 0;
        CsvTable table;
        try
        {
            table = CsvTable.Parse(attachment.FileName ?? "attachment.csv", await File.ReadAllBytesAsync(storedPath, cancellationToken));
        }
        catch (Cli.UserFacingException)
        {
            return 0;
        }

        int question = table.ColumnOf("question_id"), answer = table.ColumnOf("answer");
        if (question < 0 || answer < 0)
            return 0;
        var count = 0;
        foreach (var row in table.Rows)
        {
            var q = questionnaire.Find(row.Get(question));
            var raw = row.Get(answer);
            if (q is null || raw.Length == 0)
                continue;
            await RecordAsync(connection, transaction, requestId, q.Id, raw, "csv", now);
            count++;
        }

        if (count > 0)
            await connection.ExecuteAsync("UPDATE foi_documents SET parsed = 1 WHERE stored_path = @storedPath", new { storedPath }, transaction);
        return count;
    }

    public static Task RecordAsync(SqliteConnection connection, SqliteTransaction transaction, long requestId, string questionId, string raw, string source, DateTimeOffset now) =>
        connection.ExecuteAsync("""
            INSERT INTO foi_answers (request_id, question_id, raw_value, value, source, recorded_at)
            VALUES (@requestId, @questionId, @raw, @raw, @source, @now)
            ON CONFLICT (request_id, question_id) DO UPDATE SET raw_value = excluded.raw_value, value = excluded.value,
                source = excluded.source, recorded_at = excluded.recorded_at
            """, new { requestId, questionId, raw, source, now }, transaction);

    public async Task<int> RequiredQuestionsMissingAsync(long requestId, SqliteConnection connection, SqliteTransaction transaction)
    {
        var questionnaire = await QuestionnaireOfAsync(requestId, connection, transaction);
        if (questionnaire is null)
            return 0;
        var answered = (await connection.QueryAsync<string>("SELECT question_id FROM foi_answers WHERE request_id = @requestId", new { requestId }, transaction))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return questionnaire.Questions.Count(q => q.Required && !answered.Contains(q.Id));
    }

    public async Task<Questionnaire?> QuestionnaireOfAsync(long requestId, SqliteConnection connection, SqliteTransaction? transaction)
    {
        var id = await connection.ExecuteScalarAsync<string?>("""
            SELECT b.questionnaire_id FROM foi_requests r JOIN foi_batches b ON b.id = r.batch_id WHERE r.id = @requestId
            """, new { requestId }, transaction);
        return id is null ? null : questionnaires.Find(id);
    }

    private static bool IsCsv(MimePart part) =>
        part.ContentType.MimeType is "text/csv" or "application/csv" or "application/vnd.ms-excel" && (part.FileName?.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ?? true)
        || (part.FileName?.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ?? false);
}
