namespace StpCollector.Questionnaires;

/// <summary>text: free text, stored as written (trimmed), up to 10,000 characters; reports group it into themes.</summary>
internal sealed class TextQuestion : QuestionType
{
    public override string Name => "text";

    public override string AnswerHint(Question question) => "free text";

    public override bool IsFreeText => true;

    /// <summary>Text answers are given the raw reply, not the cleaned one: quotes and full stops are part of what was said.</summary>
    public override CheckedAnswer Check(Question question, string? raw, string text)
    {
        var written = raw!.Trim();
        return Valid(question, raw, written, note: written.Length > 1 && written[0] == '=' ? "Stored as text: spreadsheet formulas are never run." : null);
    }

    /// <summary>Free text agrees when the words do, whatever the case and punctuation.</summary>
    public override bool Agree(string? value, double? number, string? otherValue, double? otherNumber) =>
        QuestionText.Key(value ?? "") == QuestionText.Key(otherValue ?? "");
}
