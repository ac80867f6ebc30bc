using System.Text.RegularExpressions;

namespace StpCollector.Questionnaires;

/// <summary>yes_no_partly: Yes, Partly or No, however people write it ("Yes.", "y", "Partially", "not yet").</summary>
internal sealed partial class YesNoPartlyQuestion : QuestionType
{
    private static readonly IReadOnlyList<QuestionOption> Options = [new("yes", "Yes"), new("partly", "Partly"), new("no", "No")];

    // Case-insensitive lookups: the bulk import reads one answer per row, so no lower-cased copy per answer.
    private static readonly Dictionary<string, string> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["yes"] = "yes", ["y"] = "yes", ["yeah"] = "yes", ["yep"] = "yes", ["true"] = "yes",
        ["partly"] = "partly", ["partially"] = "partly", ["partial"] = "partly", ["part"] = "partly", ["in part"] = "partly",
        ["somewhat"] = "partly", ["to some extent"] = "partly", ["some"] = "partly",
        ["no"] = "no", ["n"] = "no", ["nope"] = "no", ["false"] = "no", ["not yet"] = "no", ["not at all"] = "no",
    };

    public override string Name => "yes_no_partly";

    public override IReadOnlyList<QuestionOption> AllowedOptions(Question question) => Options;

    public override string AnswerHint(Question question) => "Yes, Partly or No";

    /// <summary>Exactly an answer ("Yes", "partially", "not yet"); one with more words is read with its comment.</summary>
    public override CheckedAnswer Check(Question question, string? raw, string text) =>
        Words.TryGetValue(text, out var value) ? Valid(question, raw, value) : NotOneOf(question, raw, text);

    /// <summary>"Yes through the health and wellbeing board": the first word decides; the rest is the comment.</summary>
    public override CheckedAnswer? FirstWordAnswer(Question question, string? raw, string text)
    {
        var firstWord = FirstWord().Match(text.ToLowerInvariant());
        if (!firstWord.Success || firstWord.Value is not ("yes" or "no" or "partly" or "partially" or "partial"))
            return null;
        return Valid(question, raw, Words[firstWord.Value]) with { Comment = AnswerText.CommentText(text[firstWord.Length..]) };
    }

    public override string Display(Question question, string value) => ChoiceLabels.Of(question, value);

    public override bool CountsOptions => true;

    public override bool OffersDropDown => true;

    public override IReadOnlyList<CombinedAnswer> CombinedAnswers { get; } = [new("yes_or_partly", ["yes", "partly"])];

    [GeneratedRegex(@"^[a-z]+")]
    private static partial Regex FirstWord();
}
