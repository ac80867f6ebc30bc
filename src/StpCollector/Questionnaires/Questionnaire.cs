using System.Text.Json.Serialization;

namespace StpCollector.Questionnaires;

[JsonConverter(typeof(JsonStringEnumConverter<QuestionType>))]
public enum QuestionType
{
    [JsonStringEnumMemberName("yes_no_partly")] YesNoPartly,
    [JsonStringEnumMemberName("single_choice")] SingleChoice,
    [JsonStringEnumMemberName("multi_choice")] MultiChoice,
    [JsonStringEnumMemberName("scale")] Scale,
    [JsonStringEnumMemberName("number")] Number,
    [JsonStringEnumMemberName("percent")] Percent,
    [JsonStringEnumMemberName("text")] Text,
    [JsonStringEnumMemberName("url")] Url,
}

/// <summary>An allowed answer: Code is what we store, Label what people read (and may type back).</summary>
public sealed record QuestionOption(string Code, string Label);

public sealed record Question(
    string Id,
    string Text,
    string? Help,
    QuestionType Type,
    IReadOnlyList<QuestionOption> Options,
    bool Required,
    decimal? Min,
    decimal? Max)
{
    public static readonly IReadOnlyList<QuestionOption> YesNoPartlyOptions =
        [new("yes", "Yes"), new("partly", "Partly"), new("no", "No")];

    /// <summary>The options a reply may use: the listed ones, or yes/partly/no, or 1..5 for a scale.</summary>
    public IReadOnlyList<QuestionOption> AllowedOptions => Type switch
    {
        QuestionType.YesNoPartly => YesNoPartlyOptions,
        QuestionType.Scale when Options.Count == 0 => Enumerable.Range((int)ScaleMin, (int)(ScaleMax - ScaleMin) + 1)
            .Select(n => new QuestionOption(n.ToString(System.Globalization.CultureInfo.InvariantCulture), n.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToList(),
        _ => Options,
    };

    public decimal ScaleMin => Min ?? 1;
    public decimal ScaleMax => Max ?? 5;

    /// <summary>One line telling a respondent what they may answer, used in invitations and receipts.</summary>
    public string AnswerHint => Type switch
    {
        QuestionType.YesNoPartly => "Yes, Partly or No",
        QuestionType.SingleChoice => "one of: " + string.Join("; ", Options.Select(o => o.Label)),
        QuestionType.MultiChoice => "any of (separate with ';'): " + string.Join("; ", Options.Select(o => o.Label)),
        QuestionType.Scale => $"a whole number from {ScaleMin:0} to {ScaleMax:0}",
        QuestionType.Number => "a number" + RangeHint(),
        QuestionType.Percent => "a percentage from 0 to 100, e.g. 4%",
        QuestionType.Url => "a web address starting with https://",
        _ => "free text",
    };

    private string RangeHint() => (Min, Max) switch
    {
        ({ } min, { } max) => $" from {min:0.##} to {max:0.##}",
        ({ } min, null) => $" of at least {min:0.##}",
        (null, { } max) => $" of at most {max:0.##}",
        _ => "",
    };
}

public sealed record Questionnaire(
    string Id,
    int Version,
    string Title,
    string Introduction,
    IReadOnlyList<Question> Questions,
    string SourceFile)
{
    public Question? Find(string questionId) =>
        Questions.FirstOrDefault(q => string.Equals(q.Id, questionId.Trim(), StringComparison.OrdinalIgnoreCase));
}
