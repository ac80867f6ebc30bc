using System.Data.Common;
using StpCollector.Foi;
using StpCollector.Questionnaires;
using StpCollector.Rounds;

namespace StpCollector.Reports;

/// <summary>
/// The FoI side of `export ROUND --with-foi BATCH`: after each question's survey value, the FoI value and where the
/// council's value comes from (survey, foi, both-agree, conflict); after the survey provenance, the council's request.
/// </summary>
internal sealed class FoiExportColumns
{
    public static readonly string[] CouncilHeaders = ["foi_request", "foi_status", "foi_exemption", "foi_invalid_answers"];

    private readonly ILookup<string, CouncilAnswer> answers;
    private readonly IReadOnlyDictionary<string, FoiRequestStore.View> requests;

    private FoiExportColumns(ILookup<string, CouncilAnswer> answers, IReadOnlyDictionary<string, FoiRequestStore.View> requests)
    {
        this.answers = answers;
        this.requests = requests;
    }

    public static async Task<FoiExportColumns> LoadAsync(DbConnection connection, Round round, long batchId, FoiRequestStore store,
        CancellationToken cancellationToken)
    {
        await ReportFoiBatches.GetForRoundAsync(connection, batchId, round);
        // The store works out overdue from the holiday list, as foi list shows it.
        var requests = (await store.ListAsync(batchId: batchId, cancellationToken: cancellationToken))
            .ToDictionary(r => r.CouncilCode, StringComparer.OrdinalIgnoreCase);
        return new FoiExportColumns(await CouncilAnswers.FoiAsync(connection, batchId), requests);
    }

    public static IEnumerable<string> QuestionHeaders(Question question) => [$"{question.Id}_foi", $"{question.Id}_source"];

    public IEnumerable<object?> QuestionCells(Question question, string councilCode, CouncilAnswer? survey)
    {
        var foi = answers.Find(councilCode, question.Id);
        return [RoundExport.Cell(question, foi), AnswerSources.Name(AnswerSources.Of(question, survey, foi))];
    }

    public IEnumerable<object?> CouncilCells(string councilCode)
    {
        if (!requests.TryGetValue(councilCode, out var request))
            return [null, null, null, null];
        var invalid = answers[councilCode].Where(a => !a.IsValid).Select(a => a.QuestionId).Order(StringComparer.Ordinal);
        return [FoiReference.Of(request.Id), request.Status, request.Exemption, string.Join(";", invalid)];
    }
}
