using Microsoft.Extensions.DependencyInjection;
using StpCollector.Cli;
using StpCollector.Files;
using StpCollector.Reports;
using StpCollector.Tests.Support;
using static StpCollector.Tests.Support.KnownRounds;

namespace StpCollector.Tests.Reports;

/// <summary>
/// Round STP-R2 (KnownRounds) beside an FoI batch to North Central London. Asked both ways: Barnet, Camden, Islington.
/// Enfield and Haringey were asked by FoI only; Hartlepool, Middlesbrough and Stockton by survey only.
///   Q1: Camden yes/yes agree; Barnet yes/no disagree; Islington no/- survey only  → 1, 1, 1, 0.
///   Q5: Camden closely_involved/consulted disagree; Barnet consulted/invalid survey only; Islington survey only → 0, 1, 2, 0.
///   Q2: Camden -/yes FoI only → 0, 0, 0, 1.   Q9: Camden 4/4, Barnet 2/2 agree → 2, 0, 0, 0.
///   Q7: survey only for all three (Islington refused under s.12) → 0, 0, 3, 0.
/// </summary>
public sealed class SurveyAndFoiTests
{
    private const string Enfield = "E09000010", Haringey = "E09000014";

    /// <summary>Writes the data set; returns the batch and Barnet's request.</summary>
    private static async Task<(long Batch, long BarnetRequest)> CreateAsync(TempDataDir data)
    {
        using var host = await data.StartHostAsync();
        Create(ReturnsBuilder.For(host));
        var foi = FoiBuilder.For(host);
        var batch = foi.Batch(ReturnsBuilder.Questionnaire, Barnet, Camden, Enfield, Haringey, Islington);
        foi.Answers(batch, Camden, ReturnsBuilder.A("Q1", "yes"), ReturnsBuilder.A("Q2", "yes"), ReturnsBuilder.A("Q5", "consulted"),
            ReturnsBuilder.N("Q9", 4), ReturnsBuilder.A("Q6", "chief_executive;dph"));
        foi.Answers(batch, Barnet, ReturnsBuilder.A("Q1", "no"), ReturnsBuilder.A("Q5", "!invalid:very"), ReturnsBuilder.N("Q9", 2));
        foi.Answers(batch, Enfield, ReturnsBuilder.A("Q1", "yes"));
        foi.Status(batch, Islington, "refused", "s.12");
        return (batch, foi.Request(batch, Barnet));
    }

    [Test]
    public async Task The_report_counts_agreement_per_question_over_councils_asked_both_ways()
    {
        using var data = new TempDataDir();
        var (batch, _) = await CreateAsync(data);
        using var host = await data.StartHostAsync();

        var report = await host.Services.GetRequiredService<RoundReportBuilder>().BuildAsync("STP-R2", ReportBreakdown.None, batch);

        var foi = report.Foi!;
        Assert.That((foi.BatchId, foi.RoundCouncils, foi.RequestedCouncils, foi.InBoth), Is.EqualTo((batch, 6, 5, 3)));
        (int, int, int, int) Counts(string q) => foi.Find(q) is { } c ? (c.Agree, c.Disagree, c.SurveyOnly, c.FoiOnly) : default;
        Assert.That(Counts("Q1"), Is.EqualTo((1, 1, 1, 0)));
        Assert.That(Counts("Q5"), Is.EqualTo((0, 1, 2, 0)), "an invalid FoI answer is no answer");
        Assert.That(Counts("Q2"), Is.EqualTo((0, 0, 0, 1)));
        Assert.That(Counts("Q9"), Is.EqualTo((2, 0, 0, 0)));
        Assert.That(Counts("Q6"), Is.EqualTo((1, 0, 2, 0)));
        Assert.That(Counts("Q7"), Is.EqualTo((0, 0, 3, 0)));
        Assert.That(report.Find("Q7")!.All.N, Is.EqualTo(5), "the survey figures are unchanged");
        var rows = ReportRows.Answers(report).Where(r => (string?)r[1] == "Q1" && (string?)r[3] == ReportRows.SurveyAndFoi).ToList();
        Assert.That(rows.Select(r => ((string?)r[5], r[7], r[4])), Is.EqualTo(new[]
        {
            ("agree", (object?)1, (object?)3), ("disagree", 1, 3), ("survey_only", 1, 3), ("foi_only", 0, 3),
        }));
    }

    [Test]
    public async Task The_export_gives_one_record_per_council_with_the_foi_value_and_the_source_of_each_value()
    {
        using var data = new TempDataDir();
        var (batch, barnetRequest) = await CreateAsync(data);
        var file = data.File("combined.csv");

        var (exit, stdout, stderr) = await AppProcess.RunAsync(["export", "STP-R2", "--with-foi", $"{batch}", "--format", "csv", "--out", file, "--data-dir", data.Path]);

        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain($"Exported 8 councils' answers to STP-R2 with FoI batch {batch}"));
        var csv = CsvTable.Read(file);
        Assert.That(csv.Headers.Skip(5).Take(6), Is.EqualTo(new[] { "Q1", "Q1_foi", "Q1_source", "Q2", "Q2_foi", "Q2_source" }));
        Assert.That(csv.Headers.TakeLast(4), Is.EqualTo(new[] { "foi_request", "foi_status", "foi_exemption", "foi_invalid_answers" }));
        Assert.That(csv.Rows.Select(r => r.Get(1)), Is.EqualTo(new[] { "Barnet", "Camden", "Enfield", "Haringey", "Hartlepool", "Islington", "Middlesbrough", "Stockton-on-Tees" }));
        string Cell(string council, string column) => csv.Rows.Single(r => r.Get(1) == council).Fields[csv.ColumnOf(column)];
        string[] Triple(string council, string q) => [Cell(council, q), Cell(council, $"{q}_foi"), Cell(council, $"{q}_source")];
        Assert.That(Triple("Camden", "Q1"), Is.EqualTo(new[] { "yes", "yes", "both-agree" }));
        Assert.That(Triple("Camden", "Q5"), Is.EqualTo(new[] { "closely_involved", "consulted", "conflict" }));
        Assert.That(Triple("Camden", "Q2"), Is.EqualTo(new[] { "", "yes", "foi" }));
        Assert.That(Triple("Camden", "Q9"), Is.EqualTo(new[] { "4", "4", "both-agree" }));
        Assert.That(Triple("Barnet", "Q5"), Is.EqualTo(new[] { "consulted", "very", "survey" }), "the invalid FoI answer shows what was written");
        Assert.That(Triple("Enfield", "Q1"), Is.EqualTo(new[] { "", "yes", "foi" }));
        Assert.That(Triple("Stockton-on-Tees", "Q1"), Is.EqualTo(new[] { "", "", "" }));
        Assert.That((Cell("Barnet", "foi_request"), Cell("Barnet", "foi_invalid_answers")), Is.EqualTo(($"FOI-{barnetRequest}", "Q5")));
        Assert.That((Cell("Islington", "foi_status"), Cell("Islington", "foi_exemption")), Is.EqualTo(("refused", "s.12")));
        Assert.That((Cell("Enfield", "responded"), Cell("Hartlepool", "foi_request")), Is.EqualTo(("no", "")));
    }

    [Test]
    public async Task The_report_table_has_a_comparison_under_each_question_and_a_batch_of_another_questionnaire_is_refused()
    {
        using var data = new TempDataDir();
        var (batch, _) = await CreateAsync(data);
        long other;
        using (var host = await data.StartHostAsync())
            other = FoiBuilder.For(host).Batch("housing-survey", Camden);

        var (exit, table, stderr) = await AppProcess.RunAsync(["report", "STP-R2", "--with-foi", $"{batch}", "--data-dir", data.Path]);
        var (refused, _, why) = await AppProcess.RunAsync(["report", "STP-R2", "--with-foi", $"{other}", "--data-dir", data.Path]);
        var (exportRefused, _, exportWhy) = await AppProcess.RunAsync(["export", "STP-R2", "--with-foi", $"{other}", "--format", "csv", "--out", data.File("x.csv"), "--data-dir", data.Path]);

        Assert.That(exit, Is.Zero, stderr);
        Assert.That(table, Does.Contain($"FoI batch {batch} \"Council involvement in the STP\": 5 councils asked, 3 of them also in this round"));
        Assert.That(table, Does.Contain("  Survey and FoI (3 councils asked both ways): Agree 1, Disagree 1, Survey only 1, FoI only 0"));
        Assert.That(table, Does.Contain("  Survey and FoI (3 councils asked both ways): Agree 2, Disagree 0, Survey only 0, FoI only 0"), "Q9");
        var expected = $"FoI batch {other} (\"Council involvement in the STP\") asked questionnaire 'housing-survey', but round STP-R2 uses " +
                       $"'{ReturnsBuilder.Questionnaire}': only answers to the same questionnaire can be combined.";
        Assert.That((refused, exportRefused), Is.EqualTo((ExitCodes.Usage, ExitCodes.Usage)));
        Assert.That(why, Does.StartWith(expected));
        Assert.That(exportWhy, Does.StartWith(expected));
        Assert.That(File.Exists(data.File("x.csv")), Is.False);
    }
}
