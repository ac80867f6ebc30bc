namespace StpCollector.Reports;

/// <summary>
/// A round's export as a file, CSV or XLSX: what `stpcollector export` saves and the round page offers for download, byte
/// for byte (the XLSX has the answers and a sheet naming the questions).
/// </summary>
internal static class RoundExportFile
{
    public static readonly IReadOnlyList<string> Formats = ["csv", "xlsx"];

    public static void Write(Stream stream, RoundExport.Table table, string format)
    {
        if (format == "xlsx")
            ReportFiles.WriteXlsx(stream,
            [
                new ReportFiles.Sheet("Returns", table.Headers, table.Rows),
                new ReportFiles.Sheet("Questions", ["question_id", "type", "question"], table.Questions.Select(q => new object?[] { q.Id, q.Type.Name, q.Text })),
            ]);
        else
            ReportFiles.WriteCsv(stream, table.Headers, table.Rows);
    }

    /// <summary>"stp-r12-returns.csv": the round's reference, lower case, as a download's name.</summary>
    public static string FileName(RoundExport.Table table, string format) =>
        $"{new string(table.Round.Reference.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray())}-returns.{format}";

    public static string ContentType(string format) =>
        format == "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv";
}
