namespace StpCollector.Questionnaires;

/// <summary>url: a web address; "www.example.org" is read as https://www.example.org, with a note saying so.</summary>
internal sealed class UrlQuestion : QuestionType
{
    public override string Name => "url";

    public override string AnswerHint(Question question) => "a web address starting with https://";

    public override CheckedAnswer Check(Question question, string? raw, string text)
    {
        var candidate = text.Trim('<', '>');
        string? note = null;
        if (candidate.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            candidate = "https://" + candidate;
            note = $"Read as {candidate}.";
        }

        if (Uri.TryCreate(candidate, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Contains('.') && !candidate.Contains(' '))
            return Valid(question, raw, uri.ToString(), note: note);
        return Invalid(question, raw, $"'{AnswerText.Shorten(text)}' is not a web address; {question.Id} needs {question.AnswerHint}.");
    }

    public override bool Agree(string? value, double? number, string? otherValue, double? otherNumber) =>
        string.Equals(value, otherValue, StringComparison.OrdinalIgnoreCase);
}
