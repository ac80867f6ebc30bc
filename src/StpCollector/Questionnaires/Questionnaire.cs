namespace StpCollector.Questionnaires;

/// <summary>An allowed answer: Code is what we store, Label what people read (and may type back).</summary>
internal sealed record QuestionOption(string Code, string Label);

internal sealed record Question(
    string Id,
    string Text,
    string? Help,
    QuestionType Type,
    IReadOnlyList<QuestionOption> Options,
    bool Required,
    decimal? Min,
    decimal? Max)
{
    /// <summary>The options a reply may use: the listed ones, or those the type brings (yes/partly/no, 1..5 for a scale).</summary>
    public IReadOnlyList<QuestionOption> AllowedOptions => Type.AllowedOptions(this);

    public decimal ScaleMin => Min ?? 1;
    public decimal ScaleMax => Max ?? 5;

    /// <summary>One line telling a respondent what they may answer, used in invitations and receipts.</summary>
    public string AnswerHint => Type.AnswerHint(this);
}

internal sealed record Questionnaire(
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
