using StpCollector.Files;
using StpCollector.Reports;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Reports;

public sealed class RoundExportTests
{
    [TestCase("=1+2", "'=1+2")]
    [TestCase("+44 20 7664 3000", "'+44 20 7664 3000")]
    [TestCase("-2+3", "'-2+3")]
    [TestCase("@SUM(A1)", "'@SUM(A1)")]
    [TestCase("\t=1", "'\t=1")]
    [TestCase("\r=1", "'\r=1")]
    [TestCase("Closely involved", "Closely involved")]
    [TestCase("", "")]
    public void Cells_that_a_spreadsheet_would_run_as_formulas_are_neutralised(string value, string expected) =>
        Assert.That(CellSafety.Neutralise(value), Is.EqualTo(expected));

    [Test]
    public async Task Csv_export_has_a_row_per_council_a_column_per_question_provenance_and_safe_cells()
    {
        using var data = new TempDataDir();
        using (var host = await data.StartHostAsync())
            KnownRounds.Create(ReturnsBuilder.For(host));
        var file = data.File("export.csv");

        var (exit, stdout, stderr) = await AppProcess.RunAsync(["export", "STP-R2", "--format", "csv", "--out", file, "--data-dir", data.Path]);

        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("Exported 6 councils"));
        var csv = CsvTable.Read(file);
        Assert.That(csv.Headers.Take(6), Is.EqualTo(new[] { "council_code", "council", "region", "footprints", "responded", "Q1" }));
        Assert.That(csv.Headers, Does.Contain("Q16").And.Contain("provenance").And.Contain("received_at").And.Contain("invalid_answers"));
        Assert.That(csv.Rows.Select(r => r.Get(1)), Is.EqualTo(new[] { "Barnet", "Camden", "Hartlepool", "Islington", "Middlesbrough", "Stockton-on-Tees" }));
        string Cell(string council, string column) => csv.Rows.Single(r => r.Get(1) == council).Fields[csv.ColumnOf(column)];
        Assert.That(Cell("Islington", "Q16"), Is.EqualTo("'=HYPERLINK(\"https://evil.test\")"));
        Assert.That(Cell("Camden", "Q9"), Is.EqualTo("4"));
        Assert.That(Cell("Camden", "Q6"), Is.EqualTo("chief_executive;dph"));
        Assert.That(Cell("Camden", "provenance"), Is.EqualTo("<r2.E09000007@councils.test>"));
        Assert.That(Cell("Middlesbrough", "Q5"), Is.EqualTo("sort of"));
        Assert.That(Cell("Middlesbrough", "invalid_answers"), Is.EqualTo("Q5"));
        Assert.That((Cell("Stockton-on-Tees", "responded"), Cell("Stockton-on-Tees", "Q7")), Is.EqualTo(("no", "")));
    }

    [Test]
    public async Task Xlsx_export_keeps_numbers_as_numbers_and_text_neutralised()
    {
        using var data = new TempDataDir();
        using (var host = await data.StartHostAsync())
            KnownRounds.Create(ReturnsBuilder.For(host));
        var file = data.File("export.xlsx");

        var (exit, _, stderr) = await AppProcess.RunAsync(["export", "STP-R2", "--format", "xlsx", "--out", file, "--data-dir", data.Path]);

        Assert.That(exit, Is.EqualTo(0), stderr);
        var rows = MiniExcelLibs.MiniExcel.Query(file, useHeaderRow: true, sheetName: "Returns").Cast<IDictionary<string, object>>().ToList();
        Assert.That(rows, Has.Count.EqualTo(6));
        var islington = rows.Single(r => (string)r["council"] == "Islington");
        Assert.That(islington["Q16"], Is.EqualTo("'=HYPERLINK(\"https://evil.test\")"));
        var hartlepool = rows.Single(r => (string)r["council"] == "Hartlepool");
        Assert.That(Convert.ToDouble(hartlepool["Q9"]), Is.EqualTo(10d));
    }
}
