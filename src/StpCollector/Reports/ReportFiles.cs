using System.Globalization;
using CsvHelper;
using StpCollector.Files;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace StpCollector.Reports;

/// <summary>Writes tables of cells as CSV or XLSX. Text is neutralised against formula injection; numbers stay numbers.</summary>
internal static class ReportFiles
{
    public sealed record Sheet(string Name, IReadOnlyList<string> Headers, IEnumerable<object?[]> Rows);

    public static void WriteCsv(TextWriter writer, IReadOnlyList<string> headers, IEnumerable<object?[]> rows)
    {
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var header in headers)
            csv.WriteField(header);
        csv.NextRecord();
        foreach (var row in rows)
        {
            foreach (var cell in row)
                csv.WriteField(cell is string text ? CellSafety.Neutralise(text) : ReportRows.Format(cell));
            csv.NextRecord();
        }
    }

    public static void WriteCsvFile(string path, IReadOnlyList<string> headers, IEnumerable<object?[]> rows)
    {
        using var file = File.Create(path);
        WriteCsv(file, headers, rows);
    }

    /// <summary>The CSV file's bytes, the same whether saved by a verb or downloaded from the console.</summary>
    public static void WriteCsv(Stream stream, IReadOnlyList<string> headers, IEnumerable<object?[]> rows)
    {
        // Excel reads a byte-order mark as "this is UTF-8"; without it, council names with accents come out garbled.
        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        WriteCsv(writer, headers, rows);
    }

    public static void WriteXlsx(string path, IEnumerable<Sheet> sheets)
    {
        using var file = File.Create(path);
        WriteXlsx(file, sheets);
    }

    public static void WriteXlsx(Stream stream, IEnumerable<Sheet> sheets)
    {
        var workbook = new Dictionary<string, object>();
        foreach (var sheet in sheets)
            workbook[sheet.Name] = sheet.Rows.Select(row => ToRecord(sheet.Headers, row)).ToList();
        MiniExcel.SaveAs(stream, workbook);
    }

    private static Dictionary<string, object?> ToRecord(IReadOnlyList<string> headers, object?[] row)
    {
        var record = new Dictionary<string, object?>(headers.Count);
        for (var i = 0; i < headers.Count; i++)
        {
            var cell = i < row.Length ? row[i] : null;
            record[headers[i]] = cell switch
            {
                string text => CellSafety.Neutralise(text),
                decimal d => (double)d,
                _ => cell,
            };
        }

        return record;
    }
}
