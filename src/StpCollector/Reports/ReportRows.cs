using System.Globalization;

namespace StpCollector.Reports;

/// <summary>A report flattened to one row per question, group and answer: the shape of the CSV and the XLSX "Answers" sheet.</summary>
internal static class ReportRows
{
    public static readonly string[] Headers =
        ["round", "question_id", "question", "group", "n", "answer_code", "answer", "count", "percent", "change_points", "median", "min", "max"];

    public static IEnumerable<object?[]> Answers(RoundReport report)
    {
        yield return [report.Round.Reference, "response_rate", "Councils responding", "All", report.Invited, "responded", "Responded",
            report.Responded, report.ResponseRate, report.ResponseRateChange, null, null, null];
        foreach (var question in report.Questions)
        {
            foreach (var group in new[] { question.All }.Concat(question.Groups))
            {
                foreach (var option in group.Options)
                    yield return [report.Round.Reference, question.Id, question.Text, group.Group, group.N, option.Code, option.Label,
                        option.Count, option.Percent, option.ChangePoints, null, null, null];
                if (group.Numbers is { } numbers)
                    yield return [report.Round.Reference, question.Id, question.Text, group.Group, group.N, "median_and_range", "Median and range",
                        null, null, numbers.MedianChange, numbers.Median, numbers.Min, numbers.Max];
                if (group.Options.Count == 0 && group.Numbers is null)
                    yield return [report.Round.Reference, question.Id, question.Text, group.Group, group.N, "answered", "Answered",
                        group.N, null, null, null, null, null];
            }

            foreach (var theme in question.Themes)
                yield return [report.Round.Reference, question.Id, question.Text, "Theme", question.All.N, theme.Id, theme.Label,
                    theme.Councils, QuestionAggregator.ShareOf(theme.Councils, question.All.N), null, null, null, null];
            if (report.Foi is { } foi && foi.Find(question.Id) is { } compared)
            {
                foreach (var (code, label, count) in Compared(compared))
                    yield return [report.Round.Reference, question.Id, question.Text, SurveyAndFoi, foi.InBoth, code, label,
                        count, foi.InBoth == 0 ? null : QuestionAggregator.Percent(count, foi.InBoth), null, null, null, null];
            }
        }
    }

    /// <summary>The group named in rows comparing survey and FoI answers; n is the councils asked both ways.</summary>
    public const string SurveyAndFoi = "Survey and FoI";

    public static IEnumerable<(string Code, string Label, int Count)> Compared(QuestionComparison compared) =>
    [
        ("agree", "Agree", compared.Agree), ("disagree", "Disagree", compared.Disagree),
        ("survey_only", "Survey only", compared.SurveyOnly), ("foi_only", "FoI only", compared.FoiOnly),
    ];

    public static IEnumerable<object?[]> Quotes(RoundReport report) =>
        report.Questions.SelectMany(q => q.Themes.SelectMany(t => t.Quotes.Select(quote => new object?[] { q.Id, t.Label, t.Councils, quote })));

    public static string Format(object? value) => value switch
    {
        null => "",
        decimal d => d.ToString("0.##", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
