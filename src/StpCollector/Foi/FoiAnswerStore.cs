using System.Data.Common;
using Dapper;
using StpCollector.Ingestion;
using StpCollector.Questionnaires;

namespace StpCollector.Foi;

/// <summary>
/// The answers an FoI request has been given, one per question, checked like survey answers. A later answer to the
/// same question (a second return, or staff coding a letter) replaces the earlier one.
/// </summary>
internal static class FoiAnswerStore
{
    /// <summary>Stores a valid or invalid answer; a missing one (blank, "n/a") is not an answer and changes nothing.</summary>
    public static async Task<bool> RecordAsync(DbConnection connection, DbTransaction transaction, long requestId, CheckedAnswer answer,
        string source, long? documentId, DateTimeOffset now)
    {
        if (answer.Status == AnswerStatus.Missing)
            return false;
        await connection.ExecuteAsync("""
            INSERT INTO foi_answers (request_id, question_id, raw_value, value, number_value, status, problem, note, source, document_id, recorded_at)
            VALUES (@requestId, @QuestionId, @Raw, @Value, @Number, @StatusText, @Problem, @Note, @source, @documentId, @now)
            ON CONFLICT (request_id, question_id) DO UPDATE SET raw_value = excluded.raw_value, value = excluded.value,
                number_value = excluded.number_value, status = excluded.status, problem = excluded.problem, note = excluded.note,
                source = excluded.source, document_id = excluded.document_id, recorded_at = excluded.recorded_at
            """, new { requestId, answer.QuestionId, answer.Raw, answer.Value, answer.Number, answer.StatusText, answer.Problem, answer.Note, source, documentId, now },
            transaction);
        return true;
    }

    /// <summary>Records every answer given in a return; how many were recorded (valid or invalid).</summary>
    public static async Task<int> RecordAllAsync(DbConnection connection, DbTransaction transaction, long requestId, CheckedReturn checkedReturn,
        string source, long? documentId, DateTimeOffset now)
    {
        var recorded = 0;
        foreach (var answer in checkedReturn.Answers)
            recorded += await RecordAsync(connection, transaction, requestId, answer, source, documentId, now) ? 1 : 0;
        return recorded;
    }

    /// <summary>Required questions of the questionnaire that have no valid answer yet.</summary>
    public static async Task<IReadOnlyList<string>> RequiredWithoutValidAnswerAsync(DbConnection connection, DbTransaction transaction,
        long requestId, Questionnaire questionnaire)
    {
        var valid = (await connection.QueryAsync<string>(
                "SELECT question_id FROM foi_answers WHERE request_id = @requestId AND status = 'valid'", new { requestId }, transaction))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return questionnaire.Questions.Where(q => q.Required && !valid.Contains(q.Id)).Select(q => q.Id).ToList();
    }

    /// <summary>The questionnaire the request's batch asked, if any (null also when the request does not exist).</summary>
    public static async Task<Questionnaire?> QuestionnaireOfAsync(DbConnection connection, DbTransaction? transaction, long requestId,
        QuestionnaireCatalog questionnaires)
    {
        var id = await connection.ExecuteScalarAsync<string?>("""
            SELECT b.questionnaire_id FROM foi_requests r JOIN foi_batches b ON b.id = r.batch_id WHERE r.id = @requestId
            """, new { requestId }, transaction);
        return id is null ? null : questionnaires.Find(id);
    }
}
