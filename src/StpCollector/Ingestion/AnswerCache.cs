using System.Text;
using StpCollector.Questionnaires;

namespace StpCollector.Ingestion;

/// <summary>
/// The bulk import checks each distinct answer text once per question and keeps the result encoded as UTF-8:
/// real files repeat "Yes", "Partly" and option labels endlessly, so checking and encoding stop costing per row.
/// Bounded per question, so a file of all-different free text still runs in flat memory.
/// </summary>
internal sealed class AnswerCache(IReadOnlyList<Question> questions)
{
    private const int MaxPerQuestion = 4096;

    public sealed record Encoded(CheckedAnswer Answer, byte[] QuestionId, byte[]? Raw, byte[]? Value, byte[] Status, byte[]? Problem, byte[]? Note);

    private readonly Dictionary<string, Encoded>[] byQuestion = questions.Select(_ => new Dictionary<string, Encoded>(StringComparer.Ordinal)).ToArray();
    private readonly Encoded?[] missing = new Encoded?[questions.Count];

    public Encoded Get(int index, string? raw)
    {
        if (raw is null)
            return missing[index] ??= Encode(AnswerNormaliser.Missing(questions[index]));
        var cache = byQuestion[index];
        if (cache.TryGetValue(raw, out var found))
            return found;
        var encoded = Encode(AnswerNormaliser.Check(questions[index], raw));
        if (cache.Count < MaxPerQuestion)
            cache[raw] = encoded;
        return encoded;
    }

    private static Encoded Encode(CheckedAnswer answer) => new(
        answer, Bytes(answer.QuestionId)!, Bytes(answer.Raw), Bytes(answer.Value), Bytes(answer.StatusText)!, Bytes(answer.Problem), Bytes(answer.Note));

    private static byte[]? Bytes(string? text) => text is null ? null : Encoding.UTF8.GetBytes(text);
}
