using StpCollector.Questionnaires;
using StpCollector.Storage;

namespace StpCollector.Rounds;

/// <summary>Complete or partial, per council with a current return in a round, for the views staff read.</summary>
internal sealed class RoundReturnStates(Database database, QuestionnaireCatalog catalog)
{
    /// <summary>Null when the round's questionnaire is no longer in config/questionnaires (required questions unknown).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<MissingAnswer>>?> ForRoundAsync(Round round, CancellationToken cancellationToken)
    {
        if (catalog.Find(round.QuestionnaireId) is not { } questionnaire)
            return null;
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReturnCompleteness.ForRoundAsync(connection, round.Id, questionnaire);
    }
}
