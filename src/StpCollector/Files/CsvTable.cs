using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using StpCollector.Shared;

namespace StpCollector.Files;

/// <summary>A small CSV file read whole: header names, then rows that remember their line number.</summary>
public sealed class CsvTable
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

    public static CsvTable Read(string path)
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

        return Parse(path, bytes);
    }

    public static CsvTable Parse(string name, byte[] bytes)
    {
        if (TextDecoding.LooksBinary(bytes))
            throw new InvalidInputProblem($"{name} is not a text CSV file (it contains binary data). Save it as \"CSV UTF-8\" and try again.", field: "file");
        var text = TextDecoding.Decode(bytes, out var encoding);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
            BadDataFound = null,
            MissingFieldFound = null,
        };
        using var parser = new CsvParser(new StringReader(text), configuration);
        var rows = new List<Row>();
        string[]? headers = null;
        while (parser.Read())
        {
            var record = parser.Record ?? [];
            if (record.All(string.IsNullOrWhiteSpace))
                continue;
            if (headers is null)
                headers = record.Select(h => h.Trim()).ToArray();
            else
                rows.Add(new Row(parser.RawRow, record));
        }

        return new CsvTable(name, encoding, headers ?? [], rows);
    }
}
