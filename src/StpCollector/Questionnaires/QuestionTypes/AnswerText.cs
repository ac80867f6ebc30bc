using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace StpCollector.Questionnaires;

/// <summary>What the question types share in reading an answer: cleaning, numbers, option matching, comments.</summary>
internal static partial class AnswerText
{
    public const int MaxTextLength = 10_000;

    /// <summary>Each question's options as comparison keys, computed once per question rather than once per answer.</summary>
    private static readonly ConditionalWeakTable<Question, OptionKey[]> OptionKeys = new();

    private sealed record OptionKey(string Code, string Label, string CodeKey);

    /// <summary>Trims space, quotes, emphasis marks and closing full stops people add around an answer.</summary>
    public static string Clean(string? raw)
    {
        if (string.IsNullOrEmpty(raw))
            return "";
        var span = raw.AsSpan().Trim();
        span = span.Trim("\"'*_“”‘’");
        span = span.TrimEnd(".!").Trim();
        return span.Length == raw.Length ? raw : span.ToString();
    }

    /// <summary>1200, 1,200, 12.5, £1,200, approx. 40, 2.5 FTE, 1.2m, 3k.</summary>
    public static decimal? ParseNumber(string text, bool allowUnit)
    {
        var match = NumberShape().Match(text);
        if (!match.Success)
            return null;
        var unit = match.Groups["unit"].Value.Trim().ToLowerInvariant();
        if (unit.Length > 0 && !allowUnit && unit is not ("k" or "m"))
            return null;
        if (!decimal.TryParse(match.Groups["n"].Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var n))
            return null;
        return unit switch
        {
            "k" => n * 1000,
            "m" => n * 1_000_000,
            _ => n,
        };
    }

    /// <summary>An option's code, from its code or label, or an unambiguous start of its label (at least three letters).</summary>
    public static string? MatchOption(Question q, string text)
    {
        var key = QuestionText.Key(text);
        if (key.Length == 0)
            return null;
        string? prefixMatch = null;
        var prefixCount = 0;
        var options = OptionKeys.GetValue(q, question => question.AllowedOptions.Select(o => new OptionKey(o.Code, QuestionText.Key(o.Label), QuestionText.Key(o.Code))).ToArray());
        foreach (var option in options)
        {
            var label = option.Label;
            if (key == label || key == option.CodeKey)
                return option.Code;
            if (key.Length >= 3 && label.StartsWith(key, StringComparison.Ordinal))
            {
                prefixMatch = option.Code;
                prefixCount++;
            }
        }

        return prefixCount == 1 ? prefixMatch : null;
    }

    /// <summary>The words after the answer, without the separator, and without brackets around the whole of them.</summary>
    public static string? CommentText(string rest)
    {
        var comment = rest.TrimStart(' ', '\t', '\n', '–', '—', '-', ':', ';', ',', '.').Trim();
        if (comment.StartsWith('(') && comment.EndsWith(')') && comment.IndexOfAny(['(', ')'], 1) == comment.Length - 1)
            comment = comment[1..^1].Trim();
        else if (comment.StartsWith('(') && !comment.Contains(')'))
            comment = comment[1..].Trim();
        if (comment.Length > MaxTextLength)
            comment = comment[..MaxTextLength] + "…";
        return comment.Length == 0 ? null : comment;
    }

    /// <summary>1200, 12.5, 4 — never 4.00 or 1.2E3, so equal numbers are stored as equal text.</summary>
    public static string Format(decimal n) => n.ToString("0.############", CultureInfo.InvariantCulture);

    public static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    /// <summary>Between an answer and a comment: a dash (a hyphen only with spaces), colon, semicolon, comma, bracket or full stop.</summary>
    [GeneratedRegex(@"\s*(?:[–—]|(?<=\s)-(?=\s)|:(?=\s)|;|,(?=\s)|\(|\.(?=\s)|\n)")]
    public static partial Regex CommentSeparator();

    [GeneratedRegex(@"^(?:(?:c\.|ca\.|approx\.?|approximately|about|around|roughly|~)\s*)?£?\s*(?<n>[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(?<unit>[A-Za-z]{0,12})$", RegexOptions.IgnoreCase)]
    private static partial Regex NumberShape();
}
