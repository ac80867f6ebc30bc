namespace StpCollector.Benchmarks.Generators;

/// <summary>
/// The real council codes from seeds/councils.csv, then generated test councils (E99nnnnnn: the E99 prefix is not
/// an ONS area type, so a generated code can never be mistaken for a real council).
/// </summary>
public static class CouncilCodes
{
    public static IReadOnlyList<string> Seeds(string councilsCsv) => Csv.ReadColumn(councilsCsv, "code");

    /// <summary>
    /// <paramref name="wanted"/> councils (0: as many as the rows need, one block of questions each).
    /// </summary>
    public static IReadOnlyList<string> For(string councilsCsv, int wanted, int rows, int questions)
    {
        var codes = Seeds(councilsCsv).ToList();
        if (wanted <= 0)
            wanted = Math.Max(1, (rows + questions - 1) / questions);
        for (var n = 1; codes.Count < wanted; n++)
            codes.Add(Generated(n));
        return codes.Take(wanted).ToList();
    }

    public static string Generated(int n) => $"E99{n:D6}";
}
