using System.Globalization;
using StpCollector.Calendar;
using StpCollector.Questionnaires;
using StpCollector.Reports;
using StpCollector.Templates;

namespace StpCollector.Bulletins;

/// <summary>
/// The figures a bulletin's editorial may quote, as Liquid sees them. For question Q7:
/// q.q7.n, q.q7.count.yes, q.q7.share.yes (whole per cent of those answering), q.q7.words.yes ("about two-thirds"),
/// q.q7.change.yes ("+6 points" against the previous round), q.q7.london.share.yes, q.q7.elsewhere.share.yes,
/// and for yes/partly/no questions the combined code yes_or_partly. Number questions add median, min and max;
/// free-text questions add themes.ID.count and themes.ID.quotes. A name that is not here is an error.
/// A group in which no council answered (n = 0, e.g. the rest of England in a London round) has counts of 0 but no
/// shares or words: quoting one is an error naming the line, so editorial tests n first (see NoAnswers).
/// </summary>
internal static class BulletinFigures
{
    public static Dictionary<string, object?> Questions(RoundReport report) =>
        report.Questions.ToDictionary(q => q.Id.ToLowerInvariant(), q => (object?)Question(report, q));

    public static Dictionary<string, object?> Round(RoundReport report) => new()
    {
        ["reference"] = report.Round.Reference,
        ["title"] = report.Round.Title,
        ["status"] = report.Round.Status,
        ["invited"] = report.Invited,
        ["responded"] = report.Responded,
        ["response_rate"] = Whole(report.ResponseRate ?? 0),
        ["response_rate_words"] = ProportionWords.Describe(report.ResponseRate ?? 0),
        ["closes"] = LondonTime.Describe(report.Round.ClosesAt),
        ["previous_reference"] = report.Previous?.Reference ?? "",
    };

    private static Dictionary<string, object?> Question(RoundReport report, QuestionReport question)
    {
        var id = question.Id.ToLowerInvariant();
        var figures = Group(question.All, $"q.{id}", $"no council", question.Id);
        figures["id"] = question.Id;
        figures["text"] = question.Text;
        figures["change"] = question.All.Options.ToDictionary(o => o.Code, o => (object?)Points(o.ChangePoints), StringComparer.OrdinalIgnoreCase);
        foreach (var combined in QuestionTypes.Find(question.Type)?.CombinedAnswers ?? [])
            ((Dictionary<string, object?>)figures["change"]!)[combined.Code] = Points(Sum(question.All, combined.Codes, o => o.ChangePoints));
        var london = question.Groups.FirstOrDefault(g => g.Group == RoundReportBuilder.London);
        var elsewhere = question.Groups.FirstOrDefault(g => g.Group == RoundReportBuilder.RestOfEngland);
        if (london is not null)
            figures["london"] = Group(london, $"q.{id}.london", "no council in London", question.Id);
        if (elsewhere is not null)
            figures["elsewhere"] = Group(elsewhere, $"q.{id}.elsewhere", "no council in the rest of England", question.Id);
        if (question.Themes.Count > 0)
            figures["themes"] = question.Themes.ToDictionary(t => t.Id, t => (object?)new Dictionary<string, object?>
            {
                ["label"] = t.Label,
                ["count"] = t.Councils,
                ["share"] = Whole(QuestionAggregator.Percent(t.Councils, question.All.N)),
                ["quotes"] = t.Quotes.ToList(),
            }, StringComparer.OrdinalIgnoreCase);
        return figures;
    }

    private static Dictionary<string, object?> Group(GroupFigures group, string path, string nobody, string questionId)
    {
        var count = group.Options.ToDictionary(o => o.Code, o => (object?)o.Count, StringComparer.OrdinalIgnoreCase);
        var share = group.Options.ToDictionary(o => o.Code, o => (object?)Whole(o.Percent ?? 0), StringComparer.OrdinalIgnoreCase);
        var words = group.Options.ToDictionary(o => o.Code, o => (object?)ProportionWords.Describe(o.Percent ?? 0), StringComparer.OrdinalIgnoreCase);
        if (group.Options.Any(o => o.Code == "yes") && group.Options.Any(o => o.Code == "partly"))
        {
            var both = group.Option("yes")!.Count + group.Option("partly")!.Count;
            var percent = QuestionAggregator.Percent(both, group.N);
            count["yes_or_partly"] = both;
            share["yes_or_partly"] = Whole(percent);
            words["yes_or_partly"] = ProportionWords.Describe(percent);
        }

        var who = $"{nobody} has answered {questionId}";
        var figures = new Dictionary<string, object?>
        {
            ["n"] = group.N,
            ["count"] = count,
            ["share"] = group.N == 0 ? new NoAnswers($"{path}.share", $"{path}.n", who) : share,
            ["words"] = group.N == 0 ? new NoAnswers($"{path}.words", $"{path}.n", who) : words,
        };
        if (group.Numbers is { } numbers)
        {
            figures["median"] = Number(numbers.Median);
            figures["min"] = Number(numbers.Min);
            figures["max"] = Number(numbers.Max);
        }

        return figures;
    }

    private static decimal? Sum(GroupFigures group, IReadOnlyList<string> codes, Func<OptionFigure, decimal?> value) =>
        group.Options.Where(o => codes.Contains(o.Code)).Select(value).Aggregate((decimal?)0, (a, b) => a is null || b is null ? null : a + b);

    public static int Whole(decimal percent) => (int)Math.Round(percent, MidpointRounding.AwayFromZero);

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Points(decimal? change) => change is null ? "no earlier figure" : Whole(change.Value) switch
    {
        0 => "no change",
        1 => "up 1 point",
        -1 => "down 1 point",
        > 0 and var up => $"up {up} points",
        var down => $"down {-down} points",
    };
}
