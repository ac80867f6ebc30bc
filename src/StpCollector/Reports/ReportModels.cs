using System.Text.Json.Serialization;
using StpCollector.Rounds;

namespace StpCollector.Reports;

/// <summary>How a report splits councils beyond the all-council figures.</summary>
internal enum ReportBreakdown { None, Region, Footprint }


/// <summary>The figures for one round: response rate, then each question, with the change since the previous round.</summary>
internal sealed record RoundReport(
    Round Round,
    Round? Previous,
    int Invited,
    int Responded,
    decimal? ResponseRate,
    decimal? ResponseRateChange,
    ReportBreakdown By,
    IReadOnlyList<QuestionReport> Questions)
{
    /// <summary>With --with-foi: the round's survey answers set against an FoI batch's, question by question.</summary>
    public FoiComparison? Foi { get; init; }

    public QuestionReport? Find(string questionId) =>
        Questions.FirstOrDefault(q => string.Equals(q.Id, questionId, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// One question. All holds every responding council; Groups the breakdown asked for (London and Rest of England,
/// or one per footprint). Percentages are of the councils answering (N), so they may not add to 100 for multi-choice.
/// </summary>
internal sealed record QuestionReport(
    string Id,
    string Text,
    string Type,
    GroupFigures All,
    IReadOnlyList<GroupFigures> Groups,
    IReadOnlyList<ThemeFigure> Themes);

internal sealed record GroupFigures(string Group, int N, IReadOnlyList<OptionFigure> Options, NumberSummary? Numbers)
{
    public OptionFigure? Option(string code) =>
        Options.FirstOrDefault(o => string.Equals(o.Code, code, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// Count and percentage of answering councils choosing an option; ChangePoints against the previous round (percentage points).
/// Percent is null when no council in the group answered: "no answers", never 0%. JSON always writes it, as null there.
/// </summary>
internal sealed record OptionFigure(string Code, string Label, int Count,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] decimal? Percent, decimal? ChangePoints);

internal sealed record NumberSummary(decimal Median, decimal Min, decimal Max, decimal? MedianChange);

/// <summary>A theme found in free-text answers: how many councils raised it and a few short anonymous quotes.</summary>
internal sealed record ThemeFigure(string Id, string Label, int Councils, IReadOnlyList<string> Quotes);
