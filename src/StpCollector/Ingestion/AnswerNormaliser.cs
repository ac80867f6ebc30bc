using StpCollector.Questionnaires;

namespace StpCollector.Ingestion;

/// <summary>
/// Turns what a council wrote into a stored answer, accepting the ways people really write (`Yes.`, `y`,
/// `Partially`, `4 %`, `1,200`, an option's label or code). What holds for every answer is here (blanks, formulas,
/// overlong answers, a comment written beside the answer); what a question's type accepts is its
/// <see cref="QuestionType"/>'s. Pure and allocation-light: the bulk import calls it once per row.
/// </summary>
internal static class AnswerNormaliser
{
    private const int MaxTextLength = AnswerText.MaxTextLength;

    private static readonly HashSet<string> Blank = new(StringComparer.OrdinalIgnoreCase) { "", "-", "–", "—", "n/a", "na", "n.a.", "n/k", "tbc", "?" };

    public static CheckedAnswer Check(Question question, string? raw)
    {
        var type = question.Type;
        if (!type.IsFreeText && raw is { Length: > MaxTextLength })
        {
            // Kept short: the raw value is stored, exported and quoted back in the receipt.
            return Invalid(question, Excerpt.Of(raw),
                $"The answer is {raw.Length:N0} characters long, far more than {question.Id} takes: answer {question.AnswerHint}.");
        }

        var text = AnswerText.Clean(raw);
        if (Blank.Contains(text))
            return Missing(question, raw);
        if (type.IsFreeText)
        {
            var length = raw!.Trim().Length;
            return length > MaxTextLength
                ? Invalid(question, Excerpt.Of(raw), $"The answer is {length:N0} characters long; {question.Id} takes at most {MaxTextLength:N0}. Please shorten it.")
                : type.Check(question, raw, text);
        }

        if (text.Length > 1 && text[0] == '=')
        {
            return Invalid(question, raw,
                $"'{AnswerText.Shorten(text)}' is a spreadsheet formula, which is never run; type the answer itself ({question.AnswerHint}).");
        }

        var whole = type.Check(question, raw, text);
        if (whole.Status == AnswerStatus.Valid)
            return whole;
        return Commented(question, raw, text) ?? type.FirstWordAnswer(question, raw, text) ?? whole;
    }

    /// <summary>
    /// "Partly – social care not fully costed", "Yes (subject to board sign-off)", "12.5, mostly part-time": an answer,
    /// a separator, and a comment kept beside it. The longest valid answer before a separator wins, so an option whose
    /// label itself holds a dash or a bracket is still matched whole.
    /// </summary>
    private static CheckedAnswer? Commented(Question q, string? raw, string text)
    {
        var separators = q.Type.CommentSeparator.Matches(text);
        for (var i = separators.Count - 1; i >= 0; i--)
        {
            var separator = separators[i];
            var answer = AnswerText.Clean(text[..separator.Index]);
            if (Blank.Contains(answer))
                continue;
            var checkedAnswer = q.Type.Check(q, raw, answer);
            if (checkedAnswer.Status == AnswerStatus.Valid)
                return checkedAnswer with { Comment = AnswerText.CommentText(text[separator.Index..]) };
        }

        return null;
    }

    public static CheckedAnswer Missing(Question question, string? raw = null) => QuestionType.Missing(question, raw);

    private static CheckedAnswer Invalid(Question q, string? raw, string problem) =>
        new(q.Id, raw, null, null, AnswerStatus.Invalid, problem);
}
