using System.Globalization;
using StpCollector.Templates;

namespace StpCollector.Reports;

/// <summary>The report as people read it in a terminal: a heading per question, a line per answer.</summary>
internal static class ReportTable
{
    /// <param name="report">The report to print.</param>
    /// <param name="printTable">Draws one table; the verb passes its console's table layout, so this file needs no front door.</param>
    public static void Print(RoundReport report, Action<IReadOnlyList<string>, IEnumerable<IReadOnlyList<string?>>> printTable)
    {
        var round = report.Round;
        Console.Out.WriteLine($"{round.Reference}: {round.Title} ({round.Status})");
        Console.Out.WriteLine($"Responses: {report.Responded} of {Plural.Of(report.Invited, "council", "councils")} ({Pct(report.ResponseRate)})" +
            (report.Previous is null ? "" : $"; change since {report.Previous.Reference}: {Points(report.ResponseRateChange)}"));
        if (report.Foi is { } foi)
            Console.Out.WriteLine($"FoI batch {foi.BatchId} \"{foi.BatchTitle}\": {Plural.Of(foi.RequestedCouncils, "council", "councils")} asked, {foi.InBoth} of them also in this round; compared below.");
        foreach (var question in report.Questions)
        {
            Console.Out.WriteLine();
            Console.Out.WriteLine($"{question.Id} {question.Text}");
            var groups = question.Groups;
            var headers = new List<string> { "Answer", $"Count (n={question.All.N})", "%" };
            if (report.Previous is not null)
                headers.Add($"Change vs {report.Previous.Reference}");
            // A group nobody in it answered has no share to show: "no answers", never 0%.
            headers.AddRange(groups.Select(g => g.N == 0 ? $"{g.Group} (no answers)" : $"{g.Group} % (n={g.N})"));

            var rows = new List<IReadOnlyList<string?>>();
            foreach (var option in question.All.Options)
            {
                var row = new List<string?> { option.Label, option.Count.ToString(CultureInfo.InvariantCulture), Pct(option.Percent) };
                if (report.Previous is not null)
                    row.Add(Points(option.ChangePoints));
                row.AddRange(groups.Select(g => Pct(g.Option(option.Code)?.Percent)));
                rows.Add(row);
            }

            if (question.All.Numbers is { } numbers)
            {
                var row = new List<string?> { "Median (range)", question.All.N.ToString(CultureInfo.InvariantCulture), $"{Num(numbers.Median)} ({Num(numbers.Min)}–{Num(numbers.Max)})" };
                if (report.Previous is not null)
                    row.Add(numbers.MedianChange is { } change ? (change >= 0 ? "+" : "") + Num(change) : "");
                row.AddRange(groups.Select(g => g.Numbers is { } n ? $"{Num(n.Median)} ({Num(n.Min)}–{Num(n.Max)})" : "–"));
                rows.Add(row);
            }

            if (question.All.Options.Count == 0 && question.All.Numbers is null)
                rows.Add(["Answered", question.All.N.ToString(CultureInfo.InvariantCulture), ""]);
            foreach (var theme in question.Themes)
                rows.Add([$"Theme: {theme.Label}", theme.Councils.ToString(CultureInfo.InvariantCulture),
                    Pct(QuestionAggregator.ShareOf(theme.Councils, question.All.N))]);
            printTable(headers, rows);
            foreach (var theme in question.Themes.Where(t => t.Quotes.Count > 0))
                foreach (var quote in theme.Quotes)
                    Console.Out.WriteLine($"  {theme.Label}: \"{quote}\"");
            if (report.Foi?.Find(question.Id) is { } compared)
                Console.Out.WriteLine($"  Survey and FoI ({Plural.Of(report.Foi.InBoth, "council", "councils")} asked both ways): " +
                    string.Join(", ", ReportRows.Compared(compared).Select(c => $"{c.Label} {c.Count}")));
        }
    }

    /// <summary>A share, or "—" where there is none (no council answered).</summary>
    public static string Pct(decimal? percent) => percent is { } p ? p.ToString("0.#", CultureInfo.InvariantCulture) + "%" : "—";

    public static string Points(decimal? points) =>
        points is { } p ? (p > 0 ? "+" : "") + p.ToString("0.#", CultureInfo.InvariantCulture) + " pts" : "–";

    private static string Num(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
