using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StpCollector.Cli;

/// <summary>What verbs print: aligned tables for people, JSON for scripts.</summary>
internal static class Output
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static void Json<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    public static void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var all = rows.Select(r => r.Select(c => c ?? "").ToArray()).ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, all.Select(r => i < r.Length ? r[i].Length : 0).DefaultIfEmpty(0).Max())).ToArray();
        Console.Out.WriteLine(Line(headers.ToArray(), widths));
        Console.Out.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in all)
            Console.Out.WriteLine(Line(row, widths));
    }

    /// <summary>A table, or, when there is nothing to show, one sentence saying so and what to do (never bare headers).</summary>
    public static void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows, string whenEmpty)
    {
        var all = rows.ToList();
        if (all.Count == 0)
            Console.Out.WriteLine(whenEmpty);
        else
            Table(headers, all);
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd();

    public static void Error(string message) => Console.Error.WriteLine(message);
}
