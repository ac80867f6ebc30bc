using System.Globalization;
using MiniExcelLibs;
using StpCollector.Files;

namespace StpCollector.Ingestion;

internal readonly record struct TabularRow(int Line, string[] Fields);

/// <summary>
/// Rows of a CSV or XLSX file read as a stream: the header, then each row with its line (CSV) or row number
/// (XLSX). Nothing is held beyond the current row, so a file of any length reads in flat memory.
/// </summary>
internal sealed class Tabular : IDisposable
{
    private readonly IDisposable owner;
    private readonly IEnumerator<TabularRow> rows;

    private Tabular(string name, string description, string[] headers, IEnumerator<TabularRow> rows, IDisposable owner, Func<double>? progress)
    {
        Name = name;
        Description = description;
        Headers = headers;
        this.rows = rows;
        this.owner = owner;
        Progress = progress ?? (() => 0);
    }

    public string Name { get; }

    /// <summary>e.g. "CSV, UTF-8 (with BOM), ';'-separated" or "XLSX sheet Return".</summary>
    public string Description { get; }

    public string[] Headers { get; }

    /// <summary>0..1, how far through the file reading has got.</summary>
    public Func<double> Progress { get; }

    public IEnumerable<TabularRow> Rows()
    {
        while (rows.MoveNext())
            yield return rows.Current;
    }

    public void Dispose()
    {
        rows.Dispose();
        owner.Dispose();
    }

    public static bool IsXlsxName(string name) => name.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase);

    public static bool IsCsvName(string name) =>
        name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase);

    /// <summary>Opens by name (.csv, .txt or .xlsx); the stream must be seekable and is disposed with the result.</summary>
    public static Tabular Open(Stream stream, string name) =>
        IsXlsxName(name) ? OpenXlsx(stream, name) : OpenCsv(stream, name);

    public static Tabular OpenCsv(Stream stream, string name)
    {
        var head = new byte[8192];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var start = head.AsSpan(0, read);
        if (read == 0)
            throw new UnreadableFileException($"{name} is empty.");
        if (start.StartsWith("PK\u0003\u0004"u8))
            throw new UnreadableFileException($"{name} is a zip archive (perhaps a workbook renamed .csv), not a CSV file. Send the .xlsx as it is, or save it as CSV.");
        if (TextDecoding.LooksBinary(start))
            throw new UnreadableFileException($"{name} is not a text CSV file (it contains binary data). Save it as \"CSV UTF-8\" and send it again.");

        var source = CsvSource.Open(stream);
        if (source.Headers.Count == 0)
        {
            source.Dispose();
            throw new UnreadableFileException($"{name} has no rows.");
        }

        return new Tabular(name, $"CSV, {source.EncodingName}, {source.DelimiterDescription}", [.. source.Headers], CsvRows(source), source,
            () => source.Progress);
    }

    private static IEnumerator<TabularRow> CsvRows(CsvSource source)
    {
        foreach (var (line, fields) in source.Rows())
            yield return new TabularRow(line, fields);
    }

    public static Tabular OpenXlsx(Stream stream, string name)
    {
        var head = new byte[4];
        if (stream.ReadAtLeast(head, 4, throwOnEndOfStream: false) < 4 || !head.AsSpan().SequenceEqual("PK\u0003\u0004"u8))
            throw new UnreadableFileException($"{name} is not an Excel workbook (.xlsx files are zip archives; this one is not). Save it from Excel as .xlsx or as CSV.");
        stream.Position = 0;
        List<string> sheets;
        try
        {
            sheets = MiniExcel.GetSheetNames(stream);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new UnreadableFileException($"{name} cannot be opened as an Excel workbook ({e.GetType().Name}: {e.Message}). Save it again from Excel as .xlsx, or as CSV.");
        }

        if (sheets.Count == 0)
            throw new UnreadableFileException($"{name} has no worksheets.");
        var sheet = sheets.FirstOrDefault(s => TemplateSheetWords.Any(w => s.Contains(w, StringComparison.OrdinalIgnoreCase))) ?? sheets[0];
        stream.Position = 0;
        IEnumerator<IDictionary<string, object?>> rows;
        try
        {
            rows = MiniExcel.Query(stream, useHeaderRow: false, sheetName: sheet)
                .Cast<IDictionary<string, object?>>().GetEnumerator();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new UnreadableFileException($"{name}: the sheet '{sheet}' cannot be read ({e.Message}).");
        }

        var enumerator = XlsxRows(rows, name, sheet);
        string[]? headers = null;
        while (headers is null && enumerator.MoveNext())
            if (!enumerator.Current.Fields.All(string.IsNullOrWhiteSpace))
                headers = enumerator.Current.Fields.Select(h => h.Trim()).ToArray();
        if (headers is null)
            throw new UnreadableFileException($"{name}: the sheet '{sheet}' is empty.");
        var length = Math.Max(1, stream.Length);
        return new Tabular(name, $"XLSX sheet '{sheet}'", headers, enumerator, new Owners(rows, stream),
            () => Math.Min(1, (double)stream.Position / length));
    }

    /// <summary>A sheet named like one of these is the template's; otherwise the first sheet is read.</summary>
    private static readonly string[] TemplateSheetWords = ["return", "answer", "template", "response"];

    private static IEnumerator<TabularRow> XlsxRows(IEnumerator<IDictionary<string, object?>> rows, string name, string sheet)
    {
        var line = 0;
        while (true)
        {
            try
            {
                if (!rows.MoveNext())
                    yield break;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new UnreadableFileException($"{name}: the sheet '{sheet}' cannot be read after row {line} ({e.Message}).");
            }

            line++;
            var fields = rows.Current.Values.Select(CellText).ToArray();
            if (fields.All(f => f.Length == 0))
                continue;
            yield return new TabularRow(line, fields);
        }
    }

    /// <summary>Cell values as the council sees them: numbers without binary noise, dates as ISO dates, formulas as cached text.</summary>
    private static string CellText(object? value) => value switch
    {
        null => "",
        string s => s,
        double d => d.ToString("0.###############", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "Yes" : "No",
        DateTime t => t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private sealed class Owners(params IDisposable[] items) : IDisposable
    {
        public void Dispose()
        {
            foreach (var item in items)
                item.Dispose();
        }
    }
}
