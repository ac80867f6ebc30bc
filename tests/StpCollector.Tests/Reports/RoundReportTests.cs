using Microsoft.Extensions.DependencyInjection;
using StpCollector.Reports;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Reports;

/// <summary>Figures on the known data set in Support/ReturnsBuilder.cs, computed by hand there.</summary>
public sealed class RoundReportTests
{
    [Test]
    public async Task Response_rate_and_answer_shares_match_the_hand_computed_figures_with_change_since_the_previous_round()
    {
        using var data = new TempDataDir();
        using var host = await data.StartHostAsync();
        KnownRounds.Create(ReturnsBuilder.For(host));

        var report = await host.Services.GetRequiredService<RoundReportBuilder>().BuildAsync("stp-r2", ReportBreakdown.Region);

        Assert.That(report.Previous?.Reference, Is.EqualTo("STP-R1"));
        Assert.That((report.Invited, report.Responded, report.ResponseRate, report.ResponseRateChange), Is.EqualTo((6, 5, 83.3m, 3.3m)));
        var q7 = report.Find("Q7")!;
        Assert.That(q7.All.N, Is.EqualTo(5));
        Assert.That(q7.All.Options.Select(o => (o.Code, o.Count, o.Percent, o.ChangePoints)), Is.EqualTo(new[]
        {
            ("yes", 3, 60m, (decimal?)35m), ("partly", 1, 20m, (decimal?)20m), ("no", 1, 20m, (decimal?)-55m),
        }));
    }

    [Test]
    public async Task London_is_set_against_the_rest_of_England_with_its_own_change()
    {
        using var data = new TempDataDir();
        using var host = await data.StartHostAsync();
        KnownRounds.Create(ReturnsBuilder.For(host));

        var q7 = (await host.Services.GetRequiredService<RoundReportBuilder>().BuildAsync("STP-R2", ReportBreakdown.Region)).Find("Q7")!;

        var london = q7.Groups.Single(g => g.Group == "London");
        var rest = q7.Groups.Single(g => g.Group == "Rest of England");
        Assert.That((london.N, london.Option("yes")!.Percent, london.Option("partly")!.Percent, london.Option("no")!.Percent), Is.EqualTo((3, 66.7m, 33.3m, 0m)));
        Assert.That((rest.N, rest.Option("yes")!.Percent, rest.Option("no")!.Percent), Is.EqualTo((2, 50m, 50m)));
        // London 50% -> 66.7% (+16.7); the rest 0% -> 50% (+50).
        Assert.That(london.Option("yes")!.ChangePoints, Is.EqualTo(16.7m));
        Assert.That(rest.Option("yes")!.ChangePoints, Is.EqualTo(50m));
    }

    [Test]
    public async Task Percent_questions_give_median_and_range_and_multi_choice_gives_the_share_naming_each_option()
    {
        using var data = new TempDataDir();
        using var host = await data.StartHostAsync();
        KnownRounds.Create(ReturnsBuilder.For(host));

        var report = await host.Services.GetRequiredService<RoundReportBuilder>().BuildAsync("STP-R2", ReportBreakdown.Region);

        var q9 = report.Find("Q9")!;
        Assert.That((q9.All.N, q9.All.Numbers!.Median, q9.All.Numbers.Min, q9.All.Numbers.Max), Is.EqualTo((4, 5m, 2m, 10m)));
        Assert.That(q9.Groups.Select(g => g.Numbers!.Median), Is.EqualTo(new[] { 3m, 8m }));
        var q6 = report.Find("Q6")!;
        Assert.That(q6.All.N, Is.EqualTo(5));
        Assert.That(q6.All.Options.ToDictionary(o => o.Code, o => o.Percent), Is.EquivalentTo(new Dictionary<string, decimal>
        {
            ["political_member"] = 0, ["chief_executive"] = 40, ["dph"] = 60, ["dass"] = 40, ["other_officer"] = 0, ["none"] = 20,
        }));
        Assert.That(report.Find("Q5")!.All.N, Is.EqualTo(4), "the invalid answer is not counted");
        Assert.That(report.Find("Q5")!.All.Option("closely_involved")!.Percent, Is.EqualTo(50m));
    }

    [Test]
    public async Task Free_text_is_grouped_into_themes_with_counts_and_short_anonymous_quotes()
    {
        using var data = new TempDataDir();
        using var host = await data.StartHostAsync();
        KnownRounds.Create(ReturnsBuilder.For(host));

        var q16 = (await host.Services.GetRequiredService<RoundReportBuilder>().BuildAsync("STP-R2", ReportBreakdown.None)).Find("Q16")!;

        Assert.That(q16.All.N, Is.EqualTo(4));
        Assert.That(q16.Themes.ToDictionary(t => t.Id, t => t.Councils), Is.EquivalentTo(new Dictionary<string, int>
        {
            ["social_care"] = 1, ["prevention"] = 0, ["estates"] = 2, ["governance"] = 0, ["workforce"] = 1, ["finance"] = 1,
        }));
        Assert.That(q16.Themes.Single(t => t.Id == "estates").Quotes, Is.EqualTo(new[] { "More support on One Public Estate please.", "Also OPE." }));
        Assert.That(q16.Themes.Single(t => t.Id == "finance").Quotes,
            Is.EqualTo(new[] { "We need help with financial modelling to make social care visible." }));
    }

    [Test]
    public async Task Footprint_breakdown_groups_councils_by_their_footprint()
    {
        using var data = new TempDataDir();
        using var host = await data.StartHostAsync();
        KnownRounds.Create(ReturnsBuilder.For(host));

        var q7 = (await host.Services.GetRequiredService<RoundReportBuilder>().BuildAsync("STP-R2", ReportBreakdown.Footprint)).Find("Q7")!;

        var ncl = q7.Groups.Single(g => g.Group == "North Central London");
        Assert.That((ncl.N, ncl.Option("yes")!.Count), Is.EqualTo((3, 2)));
        Assert.That(q7.Groups.Sum(g => g.N), Is.EqualTo(5));
    }

    [Test]
    public async Task The_report_verb_prints_json_and_writes_csv_and_xlsx_through_the_real_executable()
    {
        using var data = new TempDataDir();
        using (var host = await data.StartHostAsync())
            KnownRounds.Create(ReturnsBuilder.For(host));

        var (exit, stdout, stderr) = await AppProcess.RunAsync(["report", "STP-R2", "--by", "region", "--format", "json", "--data-dir", data.Path]);
        Assert.That(exit, Is.EqualTo(0), stderr);
        using var json = System.Text.Json.JsonDocument.Parse(stdout);
        Assert.That(json.RootElement.GetProperty("responseRate").GetDecimal(), Is.EqualTo(83.3m));

        var csvFile = data.File("report.csv");
        (exit, _, stderr) = await AppProcess.RunAsync(["report", "STP-R2", "--format", "csv", "--out", csvFile, "--data-dir", data.Path]);
        Assert.That(exit, Is.EqualTo(0), stderr);
        var csv = StpCollector.Files.CsvTable.Read(csvFile);
        var yes = csv.Rows.Single(r => r.Get(csv.ColumnOf("question_id")) == "Q7" && r.Get(csv.ColumnOf("answer_code")) == "yes");
        Assert.That((yes.Get(csv.ColumnOf("count")), yes.Get(csv.ColumnOf("percent")), yes.Get(csv.ColumnOf("change_points"))), Is.EqualTo(("3", "60", "35")));

        var xlsx = data.File("report.xlsx");
        (exit, _, stderr) = await AppProcess.RunAsync(["report", "STP-R2", "--format", "xlsx", "--out", xlsx, "--data-dir", data.Path]);
        Assert.That(exit, Is.EqualTo(0), stderr);
        var rows = MiniExcelLibs.MiniExcel.Query(xlsx, useHeaderRow: true, sheetName: "Answers").Cast<IDictionary<string, object>>().ToList();
        Assert.That(rows.Count(r => (string)r["question_id"] == "Q7" && (string)r["group"] == "All"), Is.EqualTo(3));

        (exit, _, stderr) = await AppProcess.RunAsync(["report", "STP-R9", "--data-dir", data.Path]);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("There is no round 'STP-R9'").And.Contain("STP-R2"));
    }
}
