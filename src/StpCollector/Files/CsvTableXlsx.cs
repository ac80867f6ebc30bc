using System.Globalization;
using MiniExcelLibs;
using StpCollector.Shared;

namespace StpCollector.Files;

internal sealed partial class CsvTable
{
    /// <summary>The first worksheet of a workbook: its first non-empty row names the columns; each row keeps Excel's row number.</summary>
    public static CsvTable ParseXlsx(string name, byte[] bytes)
    {
        List<string[]> cells;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            cells = MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX)
                .Cast<IDictionary<string, object?>>()
                .Select(row => row.Values.Select(CellText).ToArray())
                .ToList();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new InvalidInputProblem($"{name} cannot be opened as an Excel workbook ({e.Message}). Save it again from Excel as .xlsx, or as \"CSV UTF-8\".", field: "file");
        }

        var numbered = cells.Select((fields, index) => new Row(index + 1, fields)).Where(row => !row.Fields.All(string.IsNullOrWhiteSpace)).ToList();
        if (numbered.Count == 0)
            return new CsvTable(name, "XLSX", [], []);
        var headers = numbered[0].Fields.Select(h => h.Trim()).ToList();
        return new CsvTable(name, "XLSX", headers, numbered.Skip(1).ToList());
    }

    private static string CellText(object? value) => value switch
    {
        null => "",
        double number => number.ToString("0.##########", CultureInfo.InvariantCulture),
        DateTime date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
