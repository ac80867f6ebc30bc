using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using StpCollector.Questionnaires;

namespace StpCollector.Ingestion;

/// <summary>
/// Turns what a council wrote into a stored answer for one question type, accepting the ways people really
/// write (`Yes.`, `y`, `Partially`, `4 %`, `1,200`, an option's label or code). Pure and allocation-light: the
/// bulk import calls it once per row.
/// </summary>
public static partial class AnswerNormaliser
{
    private const int MaxTextLength = 10_000;

    // Case-insensitive lookups: the bulk import calls Check once per row, so no lower-cased copy per answer.
    private static readonly Dictionary<string, string> YesNoPartly = new(StringComparer.OrdinalIgnoreCase)
    {
        ["yes"] = "yes", ["y"] = "yes", ["yeah"] = "yes", ["yep"] = "yes", ["true"] = "yes",
        ["partly"] = "partly", ["partially"] = "partly", ["partial"] = "partly", ["part"] = "partly", ["in part"] = "partly",
        ["somewhat"] = "partly", ["to some extent"] = "partly", ["some"] = "partly",
        ["no"] = "no", ["n"] = "no", ["nope"] = "no", ["false"] = "no", ["not yet"] = "no", ["not at all"] = "no",
    };

    private static readonly HashSet<string> Blank = new(StringComparer.OrdinalIgnoreCase) { "", "-", "–", "—", "n/a", "na", "n.a.", "n/k", "tbc", "?" };

    /// <summary>Each question's options as comparison keys, computed once per question rather than once per answer.</summary>
    private static readonly ConditionalWeakTable<Question, OptionKey[]> OptionKeys = new();

    private sealed record OptionKey(string Code, string Label, string CodeKey);

    public static CheckedAnswer Check(Question question, string? raw)
    {
        if (question.Type != QuestionType.Text && raw is { Length: > MaxTextLength })
        {
            // Kept short: the raw value is stored, exported and quoted back in the receipt.
            return Invalid(question, Excerpt.Of(raw),
                $"The answer is {raw.Length:N0} characters long, far more than {question.Id} takes: answer {question.AnswerHint}.");
        }

        var text = Clean(raw);
        if (Blank.Contains(text))
            return Missing(question, raw);
        if (question.Type != QuestionType.Text && text.Length > 1 && text[0] == '=')
        {
            return Invalid(question, raw,
                $"'{Shorten(text)}' is a spreadsheet formula, which is never run; type the answer itself ({question.AnswerHint}).");
        }

        var whole = CheckType(question, raw, text);
        if (whole.Status == AnswerStatus.Valid || question.Type == QuestionType.Text)
            return whole;
        return Commented(question, raw, text) ?? (question.Type == QuestionType.YesNoPartly ? FirstWordDecides(question, raw, text) : null) ?? whole;
    }

    private static CheckedAnswer CheckType(Question question, string? raw, string text) =>
        question.Type switch
        {
            QuestionType.YesNoPartly => CheckYesNoPartly(question, raw, text),
            QuestionType.SingleChoice => CheckSingleChoice(question, raw, text),
            QuestionType.MultiChoice => CheckMultiChoice(question, raw, text),
            QuestionType.Scale => CheckScale(question, raw, text),
            QuestionType.Number => CheckNumber(question, raw, text),
            QuestionType.Percent => CheckPercent(question, raw, text),
            QuestionType.Url => CheckUrl(question, raw, text),
            _ => CheckText(question, raw),
        };

    /// <summary>
    /// "Partly – social care not fully costed", "Yes (subject to board sign-off)", "12.5, mostly part-time": an answer,
    /// a separator, and a comment kept beside it. The longest valid answer before a separator wins, so an option whose
    /// label itself holds a dash or a bracket is still matched whole.
    /// </summary>
    private static CheckedAnswer? Commented(Question q, string? raw, string text)
    {
        var separators = q.Type == QuestionType.MultiChoice ? ChoiceCommentSeparator().Matches(text) : CommentSeparator().Matches(text);
        for (var i = separators.Count - 1; i >= 0; i--)
        {
            var separator = separators[i];
            var answer = Clean(text[..separator.Index]);
            if (Blank.Contains(answer))
                continue;
            var checkedAnswer = CheckType(q, raw, answer);
            if (checkedAnswer.Status == AnswerStatus.Valid)
                return checkedAnswer with { Comment = CommentText(text[separator.Index..]) };
        }

        return null;
    }

    /// <summary>"Yes through the health and wellbeing board": the first word decides; the rest is the comment.</summary>
    private static CheckedAnswer? FirstWordDecides(Question q, string? raw, string text)
    {
        var firstWord = FirstWord().Match(text.ToLowerInvariant());
        if (!firstWord.Success || firstWord.Value is not ("yes" or "no" or "partly" or "partially" or "partial"))
            return null;
        return Valid(q, raw, YesNoPartly[firstWord.Value]) with { Comment = CommentText(text[firstWord.Length..]) };
    }

    /// <summary>The words after the answer, without the separator, and without brackets around the whole of them.</summary>
    private static string? CommentText(string rest)
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

    public static CheckedAnswer Missing(Question question, string? raw = null) => new(
        question.Id, string.IsNullOrEmpty(raw) ? null : raw, null, null, AnswerStatus.Missing,
        question.Required ? $"No answer was given, and {question.Id} needs one ({question.AnswerHint})." : null);

    private static CheckedAnswer Valid(Question q, string? raw, string value, double? number = null, string? note = null) =>
        new(q.Id, raw, value, number, AnswerStatus.Valid, null, note);

    private static CheckedAnswer Invalid(Question q, string? raw, string problem) =>
        new(q.Id, raw, null, null, AnswerStatus.Invalid, problem);

    private static CheckedAnswer NotOneOf(Question q, string? raw, string text) =>
        Invalid(q, raw, $"'{Shorten(text)}' is not an answer {q.Id} accepts: answer {q.AnswerHint}.");

    /// <summary>Exactly an answer ("Yes", "partially", "not yet"); one with more words is read by Commented or FirstWordDecides.</summary>
    private static CheckedAnswer CheckYesNoPartly(Question q, string? raw, string text) =>
        YesNoPartly.TryGetValue(text, out var value) ? Valid(q, raw, value) : NotOneOf(q, raw, text);

    private static CheckedAnswer CheckSingleChoice(Question q, string? raw, string text) =>
        MatchOption(q, text) is { } code ? Valid(q, raw, code) : NotOneOf(q, raw, text);

    private static CheckedAnswer CheckMultiChoice(Question q, string? raw, string text)
    {
        if (MatchOption(q, text) is { } single)
            return Valid(q, raw, single);
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var part in ListSeparators().Split(text))
        {
            var item = Clean(part);
            if (item.Length == 0)
                continue;
            if (MatchOption(q, item) is { } code)
                chosen.Add(code);
            else
                unknown.Add(item);
        }

        if (unknown.Count > 0)
        {
            var listed = string.Join(", ", unknown.Take(5).Select(u => $"'{Shorten(u)}'")) + (unknown.Count > 5 ? $" and {unknown.Count - 5:N0} more" : "");
            return Invalid(q, raw, $"{listed} {(unknown.Count == 1 ? "is" : "are")} not among the choices for {q.Id}: answer {q.AnswerHint}.");
        }

        if (chosen.Count == 0)
            return Missing(q, raw);
        // Stored in the questionnaire's order so equal answers compare equal.
        return Valid(q, raw, string.Join(';', q.AllowedOptions.Where(o => chosen.Contains(o.Code)).Select(o => o.Code)));
    }

    private static string? MatchOption(Question q, string text)
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

    private static CheckedAnswer CheckScale(Question q, string? raw, string text)
    {
        var match = ScaleShape().Match(text);
        if (!match.Success || !decimal.TryParse(match.Groups["n"].Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) || n != decimal.Truncate(n))
            return Invalid(q, raw, $"'{Shorten(text)}' is not a whole number; {q.Id} needs {q.AnswerHint}.");
        if (n < q.ScaleMin || n > q.ScaleMax)
            return Invalid(q, raw, $"{n:0} is outside the scale; {q.Id} needs {q.AnswerHint}.");
        return Valid(q, raw, n.ToString("0", CultureInfo.InvariantCulture), (double)n);
    }

    private static CheckedAnswer CheckNumber(Question q, string? raw, string text)
    {
        if (ParseNumber(text, allowUnit: true) is not { } n)
            return Invalid(q, raw, $"'{Shorten(text)}' is not a number; {q.Id} needs {q.AnswerHint}, written like 1200 or 12.5.");
        if ((q.Min is { } min && n < min) || (q.Max is { } max && n > max))
            return Invalid(q, raw, $"{Format(n)} is out of range; {q.Id} needs {q.AnswerHint}.");
        return Valid(q, raw, Format(n), (double)n);
    }

    /// <summary>
    /// "4%", "4 %", "4 per cent" and a bare "4" are all 4. A bare number between 0 and 1 ("0.04") is what a
    /// spreadsheet holds for a cell formatted as 4%, so it is read as that fraction (4) — and the answer carries a
    /// note, repeated in the receipt, asking the council to write "0.04%" if they meant a twenty-fifth of one percent.
    /// </summary>
    private static CheckedAnswer CheckPercent(Question q, string? raw, string text)
    {
        var match = PercentSign().Match(text);
        var hasSign = match.Success;
        var number = hasSign ? text[..match.Index].TrimEnd() : text;
        if (ParseNumber(number, allowUnit: false) is not { } n)
            return Invalid(q, raw, $"'{Shorten(text)}' is not a percentage; {q.Id} needs {q.AnswerHint}.");
        string? note = null;
        if (!hasSign && n > 0 && n < 1)
        {
            var asPercent = n * 100;
            note = $"You wrote {number} without a % sign; we read it as the fraction {number} = {asPercent.ToString("0.##", CultureInfo.InvariantCulture)}%. " +
                   $"If you meant {number}%, reply with \"{q.Id}: {number}%\".";
            n = asPercent;
        }

        var min = q.Min ?? 0;
        var max = q.Max ?? 100;
        if (n < min || n > max)
            return Invalid(q, raw, $"{n.ToString("0.##", CultureInfo.InvariantCulture)}% is outside {min:0.##}% to {max:0.##}%; {q.Id} needs {q.AnswerHint}.");
        return Valid(q, raw, Format(n), (double)n, note);
    }

    private static CheckedAnswer CheckUrl(Question q, string? raw, string text)
    {
        var candidate = text.Trim('<', '>');
        string? note = null;
        if (candidate.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            candidate = "https://" + candidate;
            note = $"Read as {candidate}.";
        }

        if (Uri.TryCreate(candidate, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Contains('.') && !candidate.Contains(' '))
            return Valid(q, raw, uri.ToString(), note: note);
        return Invalid(q, raw, $"'{Shorten(text)}' is not a web address; {q.Id} needs {q.AnswerHint}.");
    }

    private static CheckedAnswer CheckText(Question q, string? raw)
    {
        var text = raw!.Trim();
        if (text.Length > MaxTextLength)
            return Invalid(q, Excerpt.Of(raw), $"The answer is {text.Length:N0} characters long; {q.Id} takes at most {MaxTextLength:N0}. Please shorten it.");
        return Valid(q, raw, text, note: text.Length > 1 && text[0] == '=' ? "Stored as text: spreadsheet formulas are never run." : null);
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

    /// <summary>1200, 12.5, 4 — never 4.00 or 1.2E3, so equal numbers are stored as equal text.</summary>
    private static string Format(decimal n) => n.ToString("0.############", CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    [GeneratedRegex(@"^[a-z]+")]
    private static partial Regex FirstWord();

    [GeneratedRegex(@"\s*[;,|\n]\s*")]
    private static partial Regex ListSeparators();

    /// <summary>Between an answer and a comment: a dash (a hyphen only with spaces), colon, semicolon, comma, bracket or full stop.</summary>
    [GeneratedRegex(@"\s*(?:[–—]|(?<=\s)-(?=\s)|:(?=\s)|;|,(?=\s)|\(|\.(?=\s)|\n)")]
    private static partial Regex CommentSeparator();

    /// <summary>As CommentSeparator, without ';' and ',', which separate the choices of a multiple-choice answer.</summary>
    [GeneratedRegex(@"\s*(?:[–—]|(?<=\s)-(?=\s)|:(?=\s)|\(|\.(?=\s))")]
    private static partial Regex ChoiceCommentSeparator();

    [GeneratedRegex(@"^(?<n>\d+(?:\.0+)?)(?:\s*(?:/|out of)\s*\d+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex ScaleShape();

    [GeneratedRegex(@"\s*(?:%|per\s*cent|percent|pc)$", RegexOptions.IgnoreCase)]
    private static partial Regex PercentSign();

    [GeneratedRegex(@"^(?:(?:c\.|ca\.|approx\.?|approximately|about|around|roughly|~)\s*)?£?\s*(?<n>[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(?<unit>[A-Za-z]{0,12})$", RegexOptions.IgnoreCase)]
    private static partial Regex NumberShape();
}
