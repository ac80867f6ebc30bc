using System.Globalization;
using System.Text;
using CsvHelper;
using StpCollector.Ingestion;
using StpCollector.Files;
using StpCollector.Shared;

namespace StpCollector.Rounds;

/// <summary>
/// What `import` says about rows it could not store cleanly: the first <see cref="Shown"/> on the terminal, then a
/// count; every one of them, with --problems FILE, as CSV (line, council, question, problem). A file with a million
/// bad rows must not flood the terminal, and nothing is kept in memory: the CSV is written as problems are met.
/// </summary>
internal sealed class ImportProblems(string? csvPath, bool printToTerminal) : IDisposable
{
    public const int Shown = 20;

    private StreamWriter? file;
    private CsvWriter? csv;

    public long Count { get; private set; }

    /// <summary>Fails before the import starts, rather than after an hour, when the file cannot be written.</summary>
    public static void CheckWritable(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(directory))
            throw new InvalidInputProblem($"Cannot write --problems {path}: the folder {directory} does not exist.", field: "problems");
        if (Directory.Exists(path))
            throw new InvalidInputProblem($"Cannot write --problems {path}: it is a folder; give a file name, e.g. {Path.Combine(path, "problems.csv")}.", field: "problems");
    }

    public void Add(BulkImporter.Problem problem)
    {
        Count++;
        if (printToTerminal && Count <= Shown)
            Console.Out.WriteLine($"line {problem.Line}: {problem.Message}");
        if (csvPath is null)
            return;
        var writer = csv ?? Open(csvPath);
        writer.WriteField(problem.Line);
        writer.WriteField(CellSafety.Neutralise(problem.Council));
        writer.WriteField(CellSafety.Neutralise(problem.Question));
        writer.WriteField(CellSafety.Neutralise(problem.Message));
        writer.NextRecord();
    }

    /// <summary>Writes the file even when there were no problems, so a script finds it with just its header.</summary>
    public void Complete()
    {
        if (csvPath is not null && csv is null)
            Open(csvPath);
        csv?.Flush();
    }

    /// <summary>The line after the first problems: how many more there were and where to find them.</summary>
    public string? Summary()
    {
        var more = Count - Shown;
        if (csvPath is null)
            return more > 0 ? $"... and {N(more)} more problem{(more == 1 ? "" : "s")}: write them all with --problems FILE" : null;
        var all = $"{N(Count)} problem{(Count == 1 ? "" : "s")} written to {Path.GetFullPath(csvPath)}";
        return more > 0 ? $"... and {N(more)} more problem{(more == 1 ? "" : "s")}: all {all}" : $"All {all}";
    }

    private CsvWriter Open(string path)
    {
        // A byte-order mark, so Excel reads council names with accents as UTF-8.
        file = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16);
        csv = new CsvWriter(file, CultureInfo.InvariantCulture);
        foreach (var header in new[] { "line", "council", "question", "problem" })
            csv.WriteField(header);
        csv.NextRecord();
        return csv;
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        csv?.Dispose();
        file?.Dispose();
    }
}
