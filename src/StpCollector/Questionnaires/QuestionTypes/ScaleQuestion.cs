using System.Globalization;
using System.Text.RegularExpressions;

namespace StpCollector.Questionnaires;

/// <summary>scale: a whole number from min to max (1 to 5 unless the questionnaire says), "4" or "4/5" or "4 out of 5".</summary>
internal sealed partial class ScaleQuestion : QuestionType
{
    public override string Name => "scale";

    /// <summary>The question's options when it labels the points, otherwise each whole number of the scale.</summary>
    public override IReadOnlyList<QuestionOption> AllowedOptions(Question question) => question.Options.Count > 0
        ? question.Options
        : Enumerable.Range((int)question.ScaleMin, (int)(question.ScaleMax - question.ScaleMin) + 1)
            .Select(n => new QuestionOption(n.ToString(CultureInfo.InvariantCulture), n.ToString(CultureInfo.InvariantCulture)))
            .ToList();

    public override string AnswerHint(Question question) => $"a whole number from {question.ScaleMin:0} to {question.ScaleMax:0}";

    public override CheckedAnswer Check(Question question, string? raw, string text)
    {
        var match = ScaleShape().Match(text);
        if (!match.Success || !decimal.TryParse(match.Groups["n"].Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) || n != decimal.Truncate(n))
            return Invalid(question, raw, $"'{AnswerText.Shorten(text)}' is not a whole number; {question.Id} needs {question.AnswerHint}.");
        if (n < question.ScaleMin || n > question.ScaleMax)
            return Invalid(question, raw, $"{n:0} is outside the scale; {question.Id} needs {question.AnswerHint}.");
        return Valid(question, raw, n.ToString("0", CultureInfo.InvariantCulture), (double)n);
    }

    public override bool CountsOptions => true;

    public override IEnumerable<string> ChosenCodes(string value, double? number) =>
        [number is { } n ? ((decimal)n).ToString("0.##", CultureInfo.InvariantCulture) : value.Trim()];

    public override bool IsNumeric => true;

    public override bool OffersDropDown => true;

    [GeneratedRegex(@"^(?<n>\d+(?:\.0+)?)(?:\s*(?:/|out of)\s*\d+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex ScaleShape();
}
