using System.Globalization;

namespace StpCollector.Ingestion;

/// <summary>
/// What a receipt or a stored reason quotes of something a council sent: the start of it, and its length when it
/// is longer, so an 8 MB line comes back as a line, not as 8 MB.
/// </summary>
internal static class Excerpt
{
    public const int Short = 100;

    /// <summary>The most a receipt quotes: a little over Short, so an excerpt stored earlier is quoted as it is.</summary>
    public const int Quoted = Short + 40;

    public static string Of(string? text, int max = Short)
    {
        if (string.IsNullOrEmpty(text) || text.Length <= max)
            return text ?? "";
        var cut = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return string.Create(CultureInfo.InvariantCulture, $"{text[..cut].TrimEnd()}… ({text.Length:N0} characters)");
    }
}
