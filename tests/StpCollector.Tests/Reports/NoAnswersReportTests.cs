using StpCollector.Tests.Support;

namespace StpCollector.Tests.Reports;

/// <summary>A group in which no council answered is "no answers", never 0%: in the table, the JSON, the CSV and the XLSX.</summary>
public sealed class NoAnswersReportTests
{
    [Test]
    public async Task A_london_only_round_by_region_shows_the_rest_of_england_as_no_answers_not_zero_percent()
    {
        using var data = new TempDataDir();
        using (var host = await data.StartHostAsync())
            LondonOnlyRound.Create(ReturnsBuilder.For(host));

        var table = await AppProcess.RunAsync(["report", "STP-L1", "--by", "region", "--data-dir", data.Path]);
        var json = await AppProcess.RunAsync(["report", "STP-L1", "--by", "region", "--format", "json", "--data-dir", data.Path]);
        var csvFile = data.File("report.csv");
        var csv = await AppProcess.RunAsync(["report", "STP-L1", "--by", "region", "--format", "csv", "--out", csvFile, "--data-dir", data.Path]);
        var xlsx = data.File("report.xlsx");
        var excel = await AppProcess.RunAsync(["report", "STP-L1", "--by", "region", "--format", "xlsx", "--out", xlsx, "--data-dir", data.Path]);

        Assert.That((table.ExitCode, json.ExitCode, csv.ExitCode, excel.ExitCode), Is.EqualTo((0, 0, 0, 0)), table.Stderr + json.Stderr + csv.Stderr + excel.Stderr);
        var q7 = Section(table.Stdout, "Q7");
        Assert.That(q7, Does.Contain("Rest of England (no answers)").And.Not.Contain("(n=0)"));
        var yes = q7.Split('\n').Single(l => l.TrimStart().StartsWith("Yes", StringComparison.Ordinal));
        Assert.That(yes.TrimEnd(), Does.Contain("66.7%").And.EndWith("—").And.Not.Contain(" 0%"));
        Assert.That(table.Stdout, Does.Contain("Responses: 3 of 3 councils (100%)"));

        using var report = System.Text.Json.JsonDocument.Parse(json.Stdout);
        var groups = report.RootElement.GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("id").GetString() == "Q7").GetProperty("groups");
        var rest = groups.EnumerateArray().Single(g => g.GetProperty("group").GetString() == "Rest of England");
        Assert.That(rest.GetProperty("n").GetInt32(), Is.EqualTo(0));
        Assert.That(rest.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("percent").ValueKind),
            Is.All.EqualTo(System.Text.Json.JsonValueKind.Null));

        var rows = StpCollector.Files.CsvTable.Read(csvFile);
        var restRows = rows.Rows.Where(r => r.Get(rows.ColumnOf("question_id")) == "Q7" && r.Get(rows.ColumnOf("group")) == "Rest of England").ToList();
        Assert.That(restRows.Select(r => (r.Get(rows.ColumnOf("count")), r.Get(rows.ColumnOf("percent")))), Is.All.EqualTo(("0", "")));

        var sheet = MiniExcelLibs.MiniExcel.Query(xlsx, useHeaderRow: true, sheetName: "Answers").Cast<IDictionary<string, object>>().ToList();
        Assert.That(sheet.Where(r => (string)r["question_id"] == "Q7" && (string)r["group"] == "Rest of England").Select(r => r["percent"]), Is.All.Null);
    }

    [Test]
    public async Task A_council_is_one_council_in_the_report_table()
    {
        using var data = new TempDataDir();
        using (var host = await data.StartHostAsync())
        {
            var builder = ReturnsBuilder.For(host);
            var round = builder.Round("STP-S1", "2026-11-02T09:00:00.000Z", "2026-11-30T17:00:00.000Z", [KnownRounds.Camden]);
            builder.Return(round, KnownRounds.Camden, "2026-11-10T10:00:00.000Z", ReturnsBuilder.A("Q7", "yes"));
        }

        var (exit, stdout, stderr) = await AppProcess.RunAsync(["report", "STP-S1", "--data-dir", data.Path]);

        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("Responses: 1 of 1 council (100%)").And.Not.Contain("1 councils"));
    }

    /// <summary>The lines of one question's block in the table output.</summary>
    private static string Section(string output, string questionId)
    {
        var start = output.IndexOf($"\n{questionId} ", StringComparison.Ordinal);
        var end = output.IndexOf("\n\n", start + 1, StringComparison.Ordinal);
        return end < 0 ? output[start..] : output[start..end];
    }
}
