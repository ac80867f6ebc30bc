using StpCollector.Shared;

namespace StpCollector.Files;

/// <summary>
/// A small CSV file read whole (through <see cref="CsvSource"/>): header names, then rows that remember their line number.
/// An XLSX file reads into the same shape (<see cref="ParseXlsx"/>), its rows numbered as Excel numbers them.
/// </summary>
internal sealed partial class CsvTable
{
    public sealed record Row(int Line, IReadOnlyList<string> Fields)
    {
        public string Get(int column) => column < Fields.Count ? Fields[column].Trim() : "";
    }

    private CsvTable(string path, string encoding, IReadOnlyList<string> headers, IReadOnlyList<Row> rows)
    {
        Path = path;
        Encoding = encoding;
        Headers = headers;
        Rows = rows;
    }

    public string Path { get; }
    public string Encoding { get; }
    public IReadOnlyList<string> Headers { get; }
    public IReadOnlyList<Row> Rows { get; }

    /// <summary>Index of a column by case-insensitive name, or -1.</summary>
    public int ColumnOf(string name) =>
        Headers.ToList().FindIndex(h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>By name: .xlsx as a workbook's first sheet, anything else as CSV.</summary>
    public static CsvTable Parse(string name, byte[] bytes, bool xlsxByName) =>
        xlsxByName && IsXlsxName(name) ? ParseXlsx(name, bytes) : Parse(name, bytes);

    public static bool IsXlsxName(string name) => name.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase);

    public static CsvTable Read(string path) => Read(path, xlsxByName: false);

    /// <summary>The file at <paramref name="path"/>; with <paramref name="xlsxByName"/>, a .xlsx file as a workbook.</summary>
    public static CsvTable Read(string path, bool xlsxByName)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputProblem($"Cannot read {path}: {e.Message}", field: "file");
        }

        return Parse(path, bytes, xlsxByName);
    }

    public static CsvTable Parse(string name, byte[] bytes)
    {
        if (TextDecoding.LooksBinary(bytes))
            throw new InvalidInputProblem($"{name} is not a text CSV file (it contains binary data). Save it as \"CSV UTF-8\" and try again.", field: "file");
        using var source = CsvSource.Open(new MemoryStream(bytes, writable: false));
        var rows = source.Rows()
            .Where(row => !row.Fields.All(string.IsNullOrWhiteSpace))
            .Select(row => new Row(row.Line, row.Fields))
            .ToList();
        return new CsvTable(name, source.EncodingName, source.Headers, rows);
    }
}
