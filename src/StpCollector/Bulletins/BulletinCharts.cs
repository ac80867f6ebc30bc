using System.Globalization;
using ScottPlot;
using StpCollector.Reports;

namespace StpCollector.Bulletins;

/// <summary>A chart row: one answer, with the share among all, London and other councils answering (null where none answered).</summary>
internal sealed record ChartRow(string Label, int Count, int? Percent, int? London, int? Elsewhere);

internal sealed record BulletinChart(string QuestionId, string Question, string FileName, string Alt, int N, int LondonN, int ElsewhereN,
    IReadOnlyList<ChartRow> Rows, byte[] Png);

/// <summary>
/// Draws a key question as grouped bars, London against the rest of England, in percent of councils answering.
/// The same figures go into the alt text and the text beside the chart, so nobody needs the picture to read them.
/// A group in which no council answered is left out (no bars, no legend entry) rather than drawn at 0%.
/// </summary>
internal static class BulletinCharts
{
    private static readonly Color LondonColour = Color.FromHex("#1f5c99");
    private static readonly Color ElsewhereColour = Color.FromHex("#e07b00");
    private static readonly object FontLock = new();
    private static bool fontsLoaded;

    public static BulletinChart Draw(QuestionReport question)
    {
        var london = question.Groups.First(g => g.Group == RoundReportBuilder.London);
        var elsewhere = question.Groups.First(g => g.Group == RoundReportBuilder.RestOfEngland);
        var rows = question.All.Options.Select(o => new ChartRow(o.Label, o.Count, Share(question.All, o.Code),
            Share(london, o.Code), Share(elsewhere, o.Code))).ToList();
        var alt = question.All.N == 0
            ? $"Bar chart for {question.Id}, {question.Text} No council has answered yet."
            : $"Bar chart for {question.Id}, {question.Text} Of {Templates.Plural.Of(question.All.N, "council", "councils")} answering: " +
              string.Join("; ", rows.Select(r => $"{r.Label} {r.Percent}% ({r.Count})" +
                  (london.N > 0 ? $", London {r.London}%" : "") + (elsewhere.N > 0 ? $", rest of England {r.Elsewhere}%" : ""))) + "." +
              (london.N == 0 ? " No council in London has answered." : "") +
              (elsewhere.N == 0 ? " No council in the rest of England has answered." : "");
        var fileName = $"chart-{question.Id.ToLowerInvariant()}.png";
        return new BulletinChart(question.Id, question.Text, fileName, alt, question.All.N, london.N, elsewhere.N, rows,
            Png(question, rows, london.N, elsewhere.N));
    }

    private static int? Share(GroupFigures group, string code) =>
        group.N == 0 ? null : BulletinFigures.Whole(group.Option(code)?.Percent ?? 0);

    private static byte[] Png(QuestionReport question, IReadOnlyList<ChartRow> rows, int londonN, int elsewhereN)
    {
        EnsureFonts();
        var plot = new Plot();
        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        for (var i = 0; i < rows.Count; i++)
        {
            var centre = i * 3;
            // With one group answering, its bar stands on the tick; a group with no answers gets no bar at all.
            var offset = rows[i].London is not null && rows[i].Elsewhere is not null ? 0.5 : 0;
            if (rows[i].London is { } london)
                bars.Add(new Bar { Position = centre - offset, Value = london, FillColor = LondonColour, Label = Pct(london), Size = 0.9 });
            if (rows[i].Elsewhere is { } elsewhere)
                bars.Add(new Bar { Position = centre + offset, Value = elsewhere, FillColor = ElsewhereColour, Label = Pct(elsewhere), Size = 0.9 });
            ticks.Add(new Tick(centre, Wrap(rows[i].Label)));
        }

        if (bars.Count > 0)
            plot.Add.Bars(bars).ValueLabelStyle.FontSize = 13;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
        plot.Axes.Left.TickLabelStyle.FontSize = 12;
        plot.Axes.SetLimits(-1.6, rows.Count * 3 - 1.4, 0, 108);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, 6).Select(i => new Tick(i * 20, $"{i * 20}%")).ToArray());
        plot.Axes.Left.Label.Text = "Share of councils answering";
        plot.Axes.Left.Label.FontSize = 13;
        plot.Title($"{question.Id}: {TitleLines(question.Text)}", size: 15);
        plot.ShowLegend(Edge.Bottom);
        if (londonN > 0)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"London (n={londonN})", FillColor = LondonColour });
        if (elsewhereN > 0)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"Rest of England (n={elsewhereN})", FillColor = ElsewhereColour });
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;
        return plot.GetImageBytes(720, 420, ImageFormat.Png);
    }

    /// <summary>The question on at most two lines of about 70 characters.</summary>
    private static string TitleLines(string text)
    {
        if (text.Length <= 66)
            return text;
        var cut = text.LastIndexOf(' ', 66);
        cut = cut > 0 ? cut : 66;
        return text[..cut] + "\n" + Shorten(text[cut..].Trim(), 72);
    }

    private static string Pct(int value) => value.ToString(CultureInfo.InvariantCulture) + "%";

    private static string Wrap(string label)
    {
        if (label.Length <= 18)
            return label;
        var cut = label.LastIndexOf(' ', 18);
        cut = cut > 0 ? cut : 18;
        return label[..cut] + "\n" + Shorten(label[cut..].Trim(), 20);
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)].TrimEnd() + "…";

    /// <summary>
    /// The Linux native assets come without fontconfig, so Skia finds no system fonts by itself: the DejaVu fonts
    /// (Debian's fonts-dejavu-core, installed by install/lib/apt-deps.sh) are loaded from their files.
    /// </summary>
    private static void EnsureFonts()
    {
        lock (FontLock)
        {
            if (fontsLoaded)
                return;
            const string folder = "/usr/share/fonts/truetype/dejavu";
            var regular = Path.Combine(folder, "DejaVuSans.ttf");
            if (File.Exists(regular))
            {
                Fonts.AddFontFile("DejaVu Sans", regular, bold: false, italic: false);
                var bold = Path.Combine(folder, "DejaVuSans-Bold.ttf");
                if (File.Exists(bold))
                    Fonts.AddFontFile("DejaVu Sans", bold, bold: true, italic: false);
                Fonts.Default = "DejaVu Sans";
            }

            fontsLoaded = true;
        }
    }
}
