namespace StpCollector.Questionnaires;

/// <summary>single_choice: one of the question's options, by label, code or an unambiguous start of the label.</summary>
internal sealed class SingleChoiceQuestion : QuestionType
{
    public override string Name => "single_choice";

    public override bool NeedsOptions => true;

    public override string AnswerHint(Question question) => "one of: " + string.Join("; ", question.Options.Select(o => o.Label));

    public override CheckedAnswer Check(Question question, string? raw, string text) =>
        AnswerText.MatchOption(question, text) is { } code ? Valid(question, raw, code) : NotOneOf(question, raw, text);

    public override string Display(Question question, string value) => ChoiceLabels.Of(question, value);

    public override bool CountsOptions => true;

    public override bool OffersDropDown => true;
}
