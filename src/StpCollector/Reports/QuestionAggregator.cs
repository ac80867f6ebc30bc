using System.Globalization;
using StpCollector.Questionnaires;

namespace StpCollector.Reports;

/// <summary>Turns one question's valid answers (one per council) into counts, percentages, medians and ranges.</summary>
internal static class QuestionAggregator
{
    /// <summary>Figures from counted answers: each row says how many councils (in the group) gave that answer.</summary>
    public static GroupFigures Aggregate(string group, Question question, IReadOnlyList<ReportData.AnswerCount> answers)
    {
        var answering = answers.Where(HasAnswer).ToList();
        var n = (int)answering.Sum(a => a.Councils);
        var type = question.Type;
        var options = type.CountsOptions
            ? Count(question, n, answering.SelectMany(a => type.ChosenCodes(a.Value!, a.NumberValue).Select(code => (code, a.Councils))))
            : [];
        var numbers = type.IsNumeric
            ? Summarise(answering.Where(a => a.NumberValue is not null)
                .SelectMany(a => Enumerable.Repeat((decimal)a.NumberValue!.Value, (int)a.Councils)).ToList())
            : null;
        return new GroupFigures(group, n, options, numbers);
    }

    /// <summary>Adds the change since the previous round's figures for the same group (percentage points, median difference).</summary>
    public static GroupFigures WithChange(GroupFigures now, GroupFigures? before)
    {
        if (before is null || before.N == 0 || now.N == 0)
            return now;
        var options = now.Options
            .Select(o => o with { ChangePoints = Round(Exact(o.Count, now.N) - Exact(before.Option(o.Code)?.Count ?? 0, before.N)) })
            .ToList();
        var numbers = now.Numbers is { } current && before.Numbers is { } previous
            ? current with { MedianChange = current.Median - previous.Median }
            : now.Numbers;
        return now with { Options = options, Numbers = numbers };
    }

    public static decimal Percent(int count, int of) => Round(Exact(count, of));

    /// <summary>A share of no answers is not 0%: it is unknown, and reports show it as "no answers".</summary>
    public static decimal? ShareOf(int count, int of) => of == 0 ? null : Percent(count, of);

    private static decimal Exact(int count, int of) => of == 0 ? 0 : count * 100m / of;

    private static decimal Round(decimal value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);

    private static bool HasAnswer(ReportData.AnswerCount answer) =>
        !string.IsNullOrWhiteSpace(answer.Value) || answer.NumberValue is not null;

    /// <summary>Every allowed option is listed, even with no councils, so tables and charts keep their shape.</summary>
    private static List<OptionFigure> Count(Question question, int n, IEnumerable<(string Code, long Councils)> chosen)
    {
        var counts = chosen.GroupBy(c => c.Code, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (int)g.Sum(c => c.Councils), StringComparer.OrdinalIgnoreCase);
        var figures = question.AllowedOptions
            .Select(o => new OptionFigure(o.Code, o.Label, counts.GetValueOrDefault(o.Code), ShareOf(counts.GetValueOrDefault(o.Code), n), null))
            .ToList();
        // A code outside the definition (an older questionnaire version) is shown rather than silently dropped.
        foreach (var (code, count) in counts.Where(c => !question.AllowedOptions.Any(o => string.Equals(o.Code, c.Key, StringComparison.OrdinalIgnoreCase))))
            figures.Add(new OptionFigure(code, code, count, ShareOf(count, n), null));
        return figures;
    }

    private static NumberSummary? Summarise(List<decimal> values)
    {
        if (values.Count == 0)
            return null;
        values.Sort();
        var middle = values.Count / 2;
        var median = values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        return new NumberSummary(median, values[0], values[^1], null);
    }
}
