using System.Globalization;

namespace StpCollector.Rounds;

/// <summary>A council's part in a round with its return judged: complete, partial, unknown (questionnaire gone) or none yet.</summary>
internal sealed record CouncilProgress(RoundCouncilStatus Council, IReadOnlyList<MissingAnswer>? Missing)
{
    public const string Complete = "complete";
    public const string Partial = "partial";
    public const string Unknown = "unknown";

    /// <summary>complete, partial or unknown; null when the council has not responded.</summary>
    public string? Return => Missing switch
    {
        null => Council.RespondedAt is null ? null : Unknown,
        [] => Complete,
        _ => Partial,
    };

    /// <summary>Scheduled slots (working days before the close) are positive; chases by hand (round remind) negative.</summary>
    public int[] ReminderSlots => Council.RemindersSent?.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() ?? [];

    /// <summary>"5,2 + 1 by hand": the scheduled reminders sent, then how many chases by hand.</summary>
    public string DescribeReminders()
    {
        var slots = ReminderSlots;
        var scheduled = string.Join(',', slots.Where(s => s > 0));
        var byHand = slots.Count(s => s < 0);
        return byHand == 0 ? scheduled : $"{scheduled}{(scheduled.Length > 0 ? " + " : "")}{byHand} by hand";
    }
}

/// <summary>A round with every council's part and whether each return is complete or partial: what `round show` and the round page show.</summary>
internal sealed record RoundProgressView(RoundSummary Summary, IReadOnlyList<CouncilProgress> Councils, bool QuestionnaireKnown)
{
    public int Complete => Councils.Count(c => c.Return == CouncilProgress.Complete);
    public int Partial => Councils.Count(c => c.Return == CouncilProgress.Partial);
}

/// <summary>The one rule for a council's return in a round: responded and no required answer missing is complete, otherwise partial.</summary>
internal sealed class RoundProgress(RoundQueries queries, RoundReturnStates states)
{
    public async Task<RoundProgressView> ShowAsync(long roundId, CancellationToken cancellationToken)
    {
        var (summary, councils) = await queries.ShowAsync(roundId, cancellationToken);
        var missing = await states.ForRoundAsync(summary.Round, cancellationToken);
        return new RoundProgressView(summary, councils.Select(c => new CouncilProgress(c,
            c.RespondedAt is null || missing is null ? null : missing.GetValueOrDefault(c.CouncilCode) ?? [])).ToList(), missing is not null);
    }
}
