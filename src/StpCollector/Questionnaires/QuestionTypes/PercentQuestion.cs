using System.Globalization;
using System.Text.RegularExpressions;

namespace StpCollector.Questionnaires;

/// <summary>percent: a percentage from 0 to 100 (or the questionnaire's min and max), stored without the % sign.</summary>
internal sealed partial class PercentQuestion : QuestionType
{
    public override string Name => "percent";

    public override string AnswerHint(Question question) => "a percentage from 0 to 100, e.g. 4%";

    /// <summary>
    /// "4%", "4 %", "4 per cent" and a bare "4" are all 4. A bare number between 0 and 1 ("0.04") is what a
    /// spreadsheet holds for a cell formatted as 4%, so it is read as that fraction (4) — and the answer carries a
    /// note, repeated in the receipt, asking the council to write "0.04%" if they meant a twenty-fifth of one percent.
    /// </summary>
    public override CheckedAnswer Check(Question question, string? raw, string text)
    {
        var match = PercentSign().Match(text);
        var hasSign = match.Success;
        var number = hasSign ? text[..match.Index].TrimEnd() : text;
        if (AnswerText.ParseNumber(number, allowUnit: false) is not { } n)
            return Invalid(question, raw, $"'{AnswerText.Shorten(text)}' is not a percentage; {question.Id} needs {question.AnswerHint}.");
        string? note = null;
        if (!hasSign && n > 0 && n < 1)
        {
            var asPercent = n * 100;
            note = $"You wrote {number} without a % sign; we read it as the fraction {number} = {asPercent.ToString("0.##", CultureInfo.InvariantCulture)}%. " +
                   $"If you meant {number}%, reply with \"{question.Id}: {number}%\".";
            n = asPercent;
        }

        var min = question.Min ?? 0;
        var max = question.Max ?? 100;
        if (n < min || n > max)
            return Invalid(question, raw, $"{n.ToString("0.##", CultureInfo.InvariantCulture)}% is outside {min:0.##}% to {max:0.##}%; {question.Id} needs {question.AnswerHint}.");
        return Valid(question, raw, AnswerText.Format(n), (double)n, note);
    }

    public override string Display(Question question, string value) => value + "%";

    public override bool IsNumeric => true;

    [GeneratedRegex(@"\s*(?:%|per\s*cent|percent|pc)$", RegexOptions.IgnoreCase)]
    private static partial Regex PercentSign();
}
