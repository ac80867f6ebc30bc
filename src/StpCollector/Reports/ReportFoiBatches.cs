using System.Data.Common;
using Dapper;
using StpCollector.Rounds;
using StpCollector.Shared;

namespace StpCollector.Reports;

internal sealed record FoiBatchSummary(long Id, string Title, string? QuestionnaireId);

/// <summary>Finds the FoI batch a report or export sets beside a round, and the councils on each side.</summary>
internal static class ReportFoiBatches
{
    /// <summary>The batch, refused unless it asked the round's questionnaire: only answers to the same questions combine.</summary>
    public static async Task<FoiBatchSummary> GetForRoundAsync(DbConnection connection, long batchId, Round round)
    {
        var batch = await connection.QuerySingleOrDefaultAsync<FoiBatchSummary>(
            "SELECT id AS Id, title AS Title, questionnaire_id AS QuestionnaireId FROM foi_batches WHERE id = @batchId", new { batchId })
            ?? throw new NotFoundProblem($"There is no FoI batch {batchId}. The batch is the number foi create printed; see: stpcollector foi list", field: "foi");
        if (batch.QuestionnaireId is null)
        {
            throw new InvalidInputProblem(
                $"FoI batch {batchId} (\"{batch.Title}\") was sent without a questionnaire, so its answers cannot be set beside round {round.Reference}'s.", field: "foi");
        }

        if (!string.Equals(batch.QuestionnaireId, round.QuestionnaireId, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidInputProblem(
                $"FoI batch {batchId} (\"{batch.Title}\") asked questionnaire '{batch.QuestionnaireId}', but round {round.Reference} uses " +
                $"'{round.QuestionnaireId}': only answers to the same questionnaire can be combined. Choose a batch sent with --questionnaire {round.QuestionnaireId}.", field: "foi");
        }

        return batch;
    }

    /// <summary>Councils in the round: its audience and any council that sent a current return.</summary>
    public static async Task<IReadOnlySet<string>> RoundCouncilsAsync(DbConnection connection, long roundId) =>
        (await connection.QueryAsync<string>("""
            SELECT council_code FROM round_councils WHERE round_id = @roundId
            UNION SELECT council_code FROM returns WHERE round_id = @roundId AND is_current = 1
            """, new { roundId })).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public static async Task<IReadOnlySet<string>> RequestedCouncilsAsync(DbConnection connection, long batchId) =>
        (await connection.QueryAsync<string>("SELECT council_code FROM foi_requests WHERE batch_id = @batchId", new { batchId }))
        .ToHashSet(StringComparer.OrdinalIgnoreCase);
}
