using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace StpCollector.Questionnaires;

/// <summary>
/// Everything StpCollector does differently for one kind of question: how a questionnaire declares it, what a
/// respondent is told to answer, how an answer is read, shown back, counted, compared, exported and charted.
/// One subclass per type (QuestionTypes/*Question.cs); <see cref="QuestionTypes"/> finds them, so a new type is one
/// new file. Everything else asks the question's type rather than switching on it.
/// </summary>
[JsonConverter(typeof(QuestionTypeJson))]
internal abstract class QuestionType : IEquatable<QuestionType>
{
    /// <summary>As written in questionnaire files ("yes_no_partly"), reports and exports.</summary>
    public abstract string Name { get; }

    /// <summary>A questionnaire must list options for this type (a choice question without choices is an error).</summary>
    public virtual bool NeedsOptions => false;

    /// <summary>The options a reply may use; the question's own, unless the type brings its own.</summary>
    public virtual IReadOnlyList<QuestionOption> AllowedOptions(Question question) => question.Options;

    /// <summary>What a respondent may answer, as shown on the reply form, the return templates and receipts ("Yes, Partly or No").</summary>
    public abstract string AnswerHint(Question question);

    /// <summary>
    /// Free text is taken as written: no comment is split off, a leading '=' is kept, it may run over several lines
    /// of a reply, and reports group its answers into themes.
    /// </summary>
    public virtual bool IsFreeText => false;

    /// <summary>Reads one answer, already trimmed and not blank; the answer's own problem message when it does not fit.</summary>
    public abstract CheckedAnswer Check(Question question, string? raw, string text);

    /// <summary>What separates an answer from a comment written beside it ("Partly – social care not costed").</summary>
    public virtual Regex CommentSeparator => AnswerText.CommentSeparator();

    /// <summary>A last try for an answer with a comment but no separator ("Yes through the board"); null when the type has none.</summary>
    public virtual CheckedAnswer? FirstWordAnswer(Question question, string? raw, string text) => null;

    /// <summary>A stored value as a receipt shows it back (labels rather than codes, a % sign).</summary>
    public virtual string Display(Question question, string value) => value;

    /// <summary>Reports count each option (every allowed option listed, even with no councils) and charts can draw it.</summary>
    public virtual bool CountsOptions => false;

    /// <summary>The option codes one stored answer counts towards (only asked when <see cref="CountsOptions"/>).</summary>
    public virtual IEnumerable<string> ChosenCodes(string value, double? number) => [value.Trim()];

    /// <summary>Answers are numbers: reports give median, min and max, exports write numbers, comparisons compare numbers.</summary>
    public virtual bool IsNumeric => false;

    /// <summary>Whether two stored answers (a survey's and an FoI reply's) say the same; stored values compare as stored.</summary>
    public virtual bool Agree(string? value, double? number, string? otherValue, double? otherNumber) =>
        IsNumeric && number is { } x && otherNumber is { } y ? x == y : string.Equals(value, otherValue, StringComparison.Ordinal);

    /// <summary>Return workbooks offer the allowed options' labels as an Excel drop-down.</summary>
    public virtual bool OffersDropDown => false;

    /// <summary>Answers a bulletin may quote together ("yes_or_partly"), each with the codes it adds up.</summary>
    public virtual IReadOnlyList<CombinedAnswer> CombinedAnswers => [];

    protected static CheckedAnswer Valid(Question q, string? raw, string value, double? number = null, string? note = null) =>
        new(q.Id, raw, value, number, AnswerStatus.Valid, null, note);

    protected static CheckedAnswer Invalid(Question q, string? raw, string problem) =>
        new(q.Id, raw, null, null, AnswerStatus.Invalid, problem);

    protected static CheckedAnswer NotOneOf(Question q, string? raw, string text) =>
        Invalid(q, raw, $"'{AnswerText.Shorten(text)}' is not an answer {q.Id} accepts: answer {q.AnswerHint}.");

    public static CheckedAnswer Missing(Question question, string? raw = null) => new(
        question.Id, string.IsNullOrEmpty(raw) ? null : raw, null, null, AnswerStatus.Missing,
        question.Required ? $"No answer was given, and {question.Id} needs one ({question.AnswerHint})." : null);

    public bool Equals(QuestionType? other) => other is not null && other.Name == Name;

    public sealed override bool Equals(object? obj) => Equals(obj as QuestionType);

    public sealed override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);

    public sealed override string ToString() => Name;
}

/// <summary>Codes a bulletin adds up under one name: yes_or_partly = yes + partly.</summary>
internal sealed record CombinedAnswer(string Code, IReadOnlyList<string> Codes);
