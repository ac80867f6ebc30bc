namespace StpCollector.Benchmarks.Generators;

public static class Csv
{
    /// <summary>Excel-style quoting: only fields with a comma, quote or line break are quoted, quotes doubled.</summary>
    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";

    public static IReadOnlyList<string> ReadColumn(string path, string column)
    {
        var lines = File.ReadAllLines(path);
        var index = Array.IndexOf(lines[0].Split(','), column);
        if (index < 0)
            throw new InvalidOperationException($"{path} has no column {column}.");
        return lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')[index]).ToList();
    }
}
