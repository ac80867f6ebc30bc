using System.Text.RegularExpressions;

namespace StpCollector.Ingestion;

internal enum LayoutKind { Long, Wide }

/// <summary>
/// Where the answers are in a CSV or XLSX header. Long: the layout of the template we send, one row per question
/// (council_code, round, question_id, question, answer). Wide: one row per council, a column per question (Q1, Q2 ...).
/// A comment column (long: comment or note; wide: Q7_note or "Q7 comment") holds what the council says beside an answer.
/// </summary>
internal sealed partial class ReturnLayout
{
    private static readonly string[] CouncilNames = ["council_code", "council", "ons_code", "code", "council_ons_code", "authority", "local_authority", "la_code"];
    private static readonly string[] RoundNames = ["round", "round_reference", "round_ref", "reference", "round_id"];
    private static readonly string[] QuestionIdNames = ["question_id", "qid", "question_no", "question_number", "question_ref"];
    private static readonly string[] AnswerNames = ["answer", "answers", "response", "your_answer", "value"];
    private static readonly string[] CommentNames = ["comment", "comments", "note", "notes", "remarks"];

    public LayoutKind Kind { get; private init; }
    public int CouncilColumn { get; private init; } = -1;
    public int RoundColumn { get; private init; } = -1;
    public int QuestionColumn { get; private init; } = -1;
    public int AnswerColumn { get; private init; } = -1;
    public int CommentColumn { get; private init; } = -1;

    /// <summary>Wide layout: the comment column of each question that has one, by question id.</summary>
    public IReadOnlyDictionary<string, int> CommentColumns { get; private init; } = new Dictionary<string, int>();

    /// <summary>Wide layout: column index and the question id its header names.</summary>
    public IReadOnlyList<(int Column, string QuestionKey)> QuestionColumns { get; private init; } = [];

    public static ReturnLayout Detect(string[] headers, string name)
    {
        var normalised = headers.Select(Normalise).ToArray();
        var council = Single(normalised, CouncilNames, name);
        var round = Single(normalised, RoundNames, name);
        var answer = Single(normalised, AnswerNames, name);
        var question = Single(normalised, QuestionIdNames, name);
        if (question < 0)
            question = Single(normalised, ["question"], name);

        if (answer >= 0 && question >= 0)
            return new ReturnLayout { Kind = LayoutKind.Long, CouncilColumn = council, RoundColumn = round, QuestionColumn = question, AnswerColumn = answer, CommentColumn = Single(normalised, CommentNames, name) };

        var questionColumns = new List<(int, string)>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var comments = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < headers.Length; i++)
        {
            if (CommentHeader().Match(headers[i].Trim()) is { Success: true } comment)
            {
                comments.TryAdd("Q" + comment.Groups["n"].Value.TrimStart('0'), i);
                continue;
            }

            var match = QuestionHeader().Match(headers[i].Trim());
            if (!match.Success)
                continue;
            var key = "Q" + match.Groups["n"].Value.TrimStart('0');
            if (seen.TryGetValue(key, out var other))
                throw new UnreadableFileException($"{name}: {key} appears in two columns ({other + 1} and {i + 1}). Keep one column per question and send it again.");
            seen[key] = i;
            questionColumns.Add((i, key));
        }

        if (questionColumns.Count > 0)
            return new ReturnLayout { Kind = LayoutKind.Wide, CouncilColumn = council, RoundColumn = round, QuestionColumns = questionColumns, CommentColumns = comments };

        throw new UnreadableFileException(
            $"{name}: the header ({string.Join(", ", headers.Take(8).Select(h => $"'{h}'"))}) names neither question_id and answer columns " +
            "(one row per question, as in the template) nor question columns such as Q1, Q2 (one row per council).");
    }

    private static int Single(string[] headers, string[] names, string file)
    {
        var found = -1;
        for (var i = 0; i < headers.Length; i++)
        {
            if (!names.Contains(headers[i]))
                continue;
            if (found >= 0 && names.Contains(headers[found]))
            {
                if (Array.IndexOf(names, headers[i]) != Array.IndexOf(names, headers[found]))
                    continue; // e.g. both council_code and council: the first-listed name wins
                throw new UnreadableFileException($"{file}: the column '{headers[i]}' appears twice (columns {found + 1} and {i + 1}). Remove one and send it again.");
            }

            if (found < 0 || Array.IndexOf(names, headers[i]) < Array.IndexOf(names, headers[found]))
                found = i;
        }

        return found;
    }

    private static string Normalise(string header) =>
        Separators().Replace(header.Trim().Trim('\uFEFF').ToLowerInvariant(), "_").Trim('_');

    [GeneratedRegex(@"[\s\-.]+")]
    private static partial Regex Separators();

    /// <summary>"Q7_note", "Q7 comment", "Question 7 notes": the comment beside Q7's answer, as exports write it.</summary>
    [GeneratedRegex(@"^(?:Q|Question\s*)(?<n>\d{1,3})[\s_\-]*(?:note|notes|comment|comments)$", RegexOptions.IgnoreCase)]
    private static partial Regex CommentHeader();

    [GeneratedRegex(@"^(?:Q|Question\s*)(?<n>\d{1,3})(?:$|[\s:.)\-–])", RegexOptions.IgnoreCase)]
    private static partial Regex QuestionHeader();
}
