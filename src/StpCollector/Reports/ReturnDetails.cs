using Dapper;
using StpCollector.Questionnaires;
using StpCollector.Reference;
using StpCollector.Rounds;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Reports;

/// <summary>
/// One return as the return page shows it: the return with every answer (as `returns show` reads them), the other returns
/// of the same council to the same round, and, where the council also answered the questionnaire by FoI, where each
/// value comes from (survey, foi, both-agree, conflict) as exports name it.
/// </summary>
internal sealed record ReturnDetail(Round Round, Council Council, ReturnView Return, IReadOnlyList<ReturnView> Others, long? FoiRequestId,
    IReadOnlyDictionary<string, ReturnDetail.FoiSide> Foi)
{
    public sealed record FoiSide(string? Value, string Source);

    /// <summary>Staff corrections of the shown return's answers, oldest first, by question; what the council sent stays in Return.</summary>
    public ILookup<string, AnswerCorrection> Corrections { get; init; } = Array.Empty<AnswerCorrection>().ToLookup(c => c.QuestionId);
}

internal sealed class ReturnDetails(Database database, QuestionnaireCatalog catalog)
{
    public async Task<ReturnDetail> GetAsync(long returnId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var owner = await connection.QuerySingleOrDefaultAsync<(long RoundId, string CouncilCode)?>(
            "SELECT round_id, council_code FROM returns WHERE id = @returnId", new { returnId })
            ?? throw new NotFoundProblem($"There is no return #{returnId}.", field: "return");
        var round = await Round.GetAsync(connection, owner.RoundId);
        var council = await CouncilDirectory.ByCodeAsync(connection, owner.CouncilCode)
            ?? throw new NotFoundProblem($"Return #{returnId} names council {owner.CouncilCode}, which is not in the reference data.", field: "return");
        var questionnaire = catalog.Find(round.QuestionnaireId);
        var returns = await ReturnRecords.ForAsync(connection, round.Id, council.Code, questionnaire);
        var shown = returns.Single(r => r.Id == returnId);

        // The council's latest FoI request that asked this questionnaire: its answers stand beside the survey's.
        var foiRequest = await connection.ExecuteScalarAsync<long?>("""
            SELECT q.id FROM foi_requests q JOIN foi_batches b ON b.id = q.batch_id
            WHERE q.council_code = @Code AND b.questionnaire_id = @QuestionnaireId AND EXISTS (SELECT 1 FROM foi_answers a WHERE a.request_id = q.id)
            ORDER BY q.id DESC LIMIT 1
            """, new { council.Code, round.QuestionnaireId });
        var foi = new Dictionary<string, ReturnDetail.FoiSide>(StringComparer.OrdinalIgnoreCase);
        if (foiRequest is { } requestId && questionnaire is not null)
        {
            var foiAnswers = (await connection.QueryAsync<CouncilAnswer>("""
                SELECT @Code AS CouncilCode, question_id AS QuestionId, raw_value AS RawValue, value AS Value, number_value AS NumberValue, status AS Status, '' AS Comment
                FROM foi_answers WHERE request_id = @requestId
                """, new { council.Code, requestId })).ToDictionary(a => a.QuestionId, StringComparer.OrdinalIgnoreCase);
            foreach (var answer in shown.Answers)
            {
                if (questionnaire.Find(answer.QuestionId) is not { } question || foiAnswers.GetValueOrDefault(answer.QuestionId) is not { } fromFoi)
                    continue;
                var survey = new CouncilAnswer(council.Code, answer.QuestionId, answer.Raw, answer.Value, answer.Number, answer.Status);
                foi[answer.QuestionId] = new ReturnDetail.FoiSide(fromFoi.Value ?? fromFoi.RawValue,
                    AnswerSources.Name(AnswerSources.Of(question, survey, fromFoi)) ?? "neither");
            }
        }

        return new ReturnDetail(round, council, shown, returns.Where(r => r.Id != returnId).ToList(), foiRequest, foi)
        {
            Corrections = await AnswerCorrections.OfReturnAsync(connection, returnId),
        };
    }
}
