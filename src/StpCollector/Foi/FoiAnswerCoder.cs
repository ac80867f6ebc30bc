using System.Data.Common;
using Dapper;
using StpCollector.Ingestion;
using StpCollector.Questionnaires;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Foi;

/// <summary>
/// Staff coding an answer read from a letter or PDF (`foi code`). The answer is checked exactly like a council's
/// (Ingestion/AnswerNormaliser): an answer the question does not accept is refused, naming what it does accept.
/// </summary>
internal sealed class FoiAnswerCoder(Database database, QuestionnaireCatalog questionnaires, TimeProvider clock)
{
    /// <summary>What was recorded, the document it is linked to, and the required questions still without a valid answer.</summary>
    public sealed record Coded(long RequestId, CheckedAnswer Answer, long? DocumentId, string? DocumentName, IReadOnlyList<string> StillUnanswered);

    public async Task<Coded> CodeAsync(long requestId, string questionId, string answer, long? documentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (DbTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var questionnaire = await FoiAnswerStore.QuestionnaireOfAsync(connection, transaction, requestId, questionnaires)
            ?? throw new NotFoundProblem($"FoI request {requestId} does not exist or was sent without a questionnaire, so there is nothing to code against. See: stpcollector foi list", field: "request");
        var question = questionnaire.Find(questionId)
            ?? throw new NotFoundProblem($"Questionnaire {questionnaire.Id} has no question '{questionId}'. Questions: {string.Join(", ", questionnaire.Questions.Select(q => q.Id))}.", field: "question");
        var checkedAnswer = AnswerNormaliser.Check(question, answer);
        if (checkedAnswer.Status == AnswerStatus.Invalid)
            throw new InvalidInputProblem($"Not recorded: {checkedAnswer.Problem}", field: "answer");
        if (checkedAnswer.Status == AnswerStatus.Missing)
            throw new InvalidInputProblem($"Not recorded: '{answer}' is no answer to {question.Id}; give {question.AnswerHint}.", field: "answer");

        var (document, name) = await DocumentAsync(connection, transaction, requestId, documentId);
        var now = clock.GetUtcNow();
        await FoiAnswerStore.RecordAsync(connection, transaction, requestId, checkedAnswer, "staff", document, now);
        await FoiEvents.AddAsync(connection, transaction, requestId, now, "coded",
            $"{question.Id} = {checkedAnswer.Value} (staff wrote '{answer}'{(name is null ? "" : $", from {name}")})");
        var unanswered = await FoiAnswerStore.RequiredWithoutValidAnswerAsync(connection, transaction, requestId, questionnaire);
        await transaction.CommitAsync(cancellationToken);
        return new Coded(requestId, checkedAnswer, document, name, unanswered);
    }

    /// <summary>The questionnaire a request asked, whose questions staff code answers to; null when it was sent without one.</summary>
    public async Task<Questionnaire?> QuestionnaireOfAsync(long requestId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FoiAnswerStore.QuestionnaireOfAsync(connection, null, requestId, questionnaires);
    }

    /// <summary>The document named, or the request's only letter (a document not read as a spreadsheet), or none.</summary>
    private static async Task<(long? Id, string? Name)> DocumentAsync(DbConnection connection, DbTransaction transaction, long requestId, long? documentId)
    {
        var letters = (await connection.QueryAsync<(long Id, string Name, long Parsed)>(
            "SELECT id, file_name, parsed FROM foi_documents WHERE request_id = @requestId ORDER BY id", new { requestId }, transaction)).ToList();
        if (documentId is { } wanted)
        {
            var found = letters.Where(d => d.Id == wanted).ToList();
            if (found.Count == 0)
                throw new NotFoundProblem($"Document {wanted} is not one of FoI request {requestId}'s. See: stpcollector foi documents", field: "document");
            return (found[0].Id, found[0].Name);
        }

        var unread = letters.Where(d => d.Parsed == 0).ToList();
        return unread.Count == 1 ? (unread[0].Id, unread[0].Name) : (null, null);
    }
}
