namespace StpCollector.Questionnaires;

/// <summary>number: 1200, 1,200, 12.5, £1,200, approx. 40, 2.5 FTE, 3k; within min and max when the questionnaire gives them.</summary>
internal sealed class NumberQuestion : QuestionType
{
    public override string Name => "number";

    public override string AnswerHint(Question question) => "a number" + (question.Min, question.Max) switch
    {
        ({ } min, { } max) => $" from {min:0.##} to {max:0.##}",
        ({ } min, null) => $" of at least {min:0.##}",
        (null, { } max) => $" of at most {max:0.##}",
        _ => "",
    };

    public override CheckedAnswer Check(Question question, string? raw, string text)
    {
        if (AnswerText.ParseNumber(text, allowUnit: true) is not { } n)
            return Invalid(question, raw, $"'{AnswerText.Shorten(text)}' is not a number; {question.Id} needs {question.AnswerHint}, written like 1200 or 12.5.");
        if ((question.Min is { } min && n < min) || (question.Max is { } max && n > max))
            return Invalid(question, raw, $"{AnswerText.Format(n)} is out of range; {question.Id} needs {question.AnswerHint}.");
        return Valid(question, raw, AnswerText.Format(n), (double)n);
    }

    public override bool IsNumeric => true;
}
