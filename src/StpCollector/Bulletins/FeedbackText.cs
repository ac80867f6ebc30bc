namespace StpCollector.Bulletins;

/// <summary>Members' words shortened for a list or a quote: one line, whitespace collapsed.</summary>
internal static class FeedbackText
{
    public static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public static string FirstWords(string text, int max)
    {
        var line = OneLine(text);
        return line.Length <= max ? line : line[..(max - 1)] + "…";
    }
}
