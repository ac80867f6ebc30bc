using System.Text.RegularExpressions;

namespace StpCollector.Questionnaires;

/// <summary>multi_choice: any of the question's options, separated by ';', ',', '|' or new lines; stored as codes joined by ';'.</summary>
internal sealed partial class MultiChoiceQuestion : QuestionType
{
    public override string Name => "multi_choice";

    public override bool NeedsOptions => true;

    public override string AnswerHint(Question question) => "any of (separate with ';'): " + string.Join("; ", question.Options.Select(o => o.Label));

    public override CheckedAnswer Check(Question question, string? raw, string text)
    {
        if (AnswerText.MatchOption(question, text) is { } single)
            return Valid(question, raw, single);
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var part in ListSeparators().Split(text))
        {
            var item = AnswerText.Clean(part);
            if (item.Length == 0)
                continue;
            if (AnswerText.MatchOption(question, item) is { } code)
                chosen.Add(code);
            else
                unknown.Add(item);
        }

        if (unknown.Count > 0)
        {
            var listed = string.Join(", ", unknown.Take(5).Select(u => $"'{AnswerText.Shorten(u)}'")) + (unknown.Count > 5 ? $" and {unknown.Count - 5:N0} more" : "");
            return Invalid(question, raw, $"{listed} {(unknown.Count == 1 ? "is" : "are")} not among the choices for {question.Id}: answer {question.AnswerHint}.");
        }

        if (chosen.Count == 0)
            return Missing(question, raw);
        // Stored in the questionnaire's order so equal answers compare equal.
        return Valid(question, raw, string.Join(';', question.AllowedOptions.Where(o => chosen.Contains(o.Code)).Select(o => o.Code)));
    }

    /// <summary>As the usual separator, without ';' and ',', which separate the choices.</summary>
    public override Regex CommentSeparator => ChoiceCommentSeparator();

    public override string Display(Question question, string value) => ChoiceLabels.Of(question, value);

    public override bool CountsOptions => true;

    public override IEnumerable<string> ChosenCodes(string value, double? number) =>
        value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"\s*[;,|\n]\s*")]
    private static partial Regex ListSeparators();

    [GeneratedRegex(@"\s*(?:[–—]|(?<=\s)-(?=\s)|:(?=\s)|\(|\.(?=\s))")]
    private static partial Regex ChoiceCommentSeparator();
}
