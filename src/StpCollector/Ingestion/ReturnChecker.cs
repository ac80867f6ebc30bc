using System.Text.RegularExpressions;
using StpCollector.Questionnaires;

namespace StpCollector.Ingestion;

/// <summary>A return checked against its questionnaire: one answer per question (in order) and the problems found.</summary>
internal sealed record CheckedReturn(IReadOnlyList<CheckedAnswer> Answers, IReadOnlyList<string> Problems)
{
    public int Valid => Answers.Count(a => a.Status == AnswerStatus.Valid);
    public int Invalid => Answers.Count(a => a.Status == AnswerStatus.Invalid);
    public int MissingRequired => Answers.Count(a => a.Status == AnswerStatus.Missing && a.Problem is not null);
    public bool HasAnyAnswer => Answers.Any(a => a.Status != AnswerStatus.Missing);
}

internal static partial class ReturnChecker
{
    public static CheckedReturn Check(Questionnaire questionnaire, ReturnCandidate candidate)
    {
        var problems = new List<string>(candidate.Problems);
        var found = new Dictionary<string, RawAnswer>(StringComparer.Ordinal);
        foreach (var answer in candidate.Answers)
        {
            var question = Resolve(questionnaire, answer.QuestionKey);
            if (question is null)
            {
                problems.Add($"line {answer.Line}: there is no question '{Excerpt.Of(answer.QuestionKey)}' in \"{questionnaire.Title}\"; that answer was not stored.");
                continue;
            }

            if (found.TryGetValue(question.Id, out var earlier) && !string.IsNullOrWhiteSpace(earlier.Raw))
            {
                if (string.IsNullOrWhiteSpace(answer.Raw))
                    continue;
                problems.Add($"line {answer.Line}: {question.Id} is answered again (first on line {earlier.Line}); the later answer was kept.");
            }

            found[question.Id] = answer;
        }

        var answers = questionnaire.Questions
            .Select(q => found.TryGetValue(q.Id, out var raw) ? WithComment(AnswerNormaliser.Check(q, raw.Raw), raw.Comment) : AnswerNormaliser.Missing(q))
            .ToList();
        return new CheckedReturn(answers, problems);
    }

    /// <summary>A spreadsheet's comment column joins what the answer cell said beside the answer.</summary>
    private static CheckedAnswer WithComment(CheckedAnswer answer, string? comment) =>
        comment is null ? answer : answer with { Comment = answer.Comment is null ? comment : $"{answer.Comment}; {comment}" };

    /// <summary>A question by id ("Q3", "q3", "Question 3"), or by its text as the template repeats it.</summary>
    public static Question? Resolve(Questionnaire questionnaire, string key)
    {
        var trimmed = key.Trim();
        if (questionnaire.Find(trimmed) is { } byId)
            return byId;
        var numbered = Numbered().Match(trimmed);
        if (numbered.Success && questionnaire.Find("Q" + numbered.Groups["n"].Value.TrimStart('0')) is { } byNumber)
            return byNumber;
        var text = QuestionText.Key(trimmed);
        return text.Length < 12 ? null : questionnaire.Questions.FirstOrDefault(q => QuestionText.Key(q.Text).StartsWith(text, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^(?:Q|Question\s*)(?<n>\d{1,3})\b", RegexOptions.IgnoreCase)]
    private static partial Regex Numbered();
}
