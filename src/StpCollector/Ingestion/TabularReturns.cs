using System.Globalization;

namespace StpCollector.Ingestion;

/// <summary>Reads a small CSV or XLSX (an attachment or a dropped file) into one candidate return per council and round.</summary>
internal static class TabularReturns
{
    public static List<ReturnCandidate> Read(Tabular table, string source, int maxRows)
    {
        var layout = ReturnLayout.Detect(table.Headers, table.Name);
        var candidates = new List<ReturnCandidate>();
        var byKey = new Dictionary<(string, string), (ReturnCandidate Candidate, int First, int Last)>();
        var count = 0;
        foreach (var row in table.Rows())
        {
            if (++count > maxRows)
            {
                throw new UnreadableFileException(
                    $"{table.Name} has more than {maxRows.ToString("N0", CultureInfo.InvariantCulture)} rows, the limit for a file sent by email or dropped in (Ingestion:MaxRowsPerFile). " +
                    "Staff can load large files with: stpcollector import FILE --round REF");
            }

            var council = Field(row, layout.CouncilColumn);
            var round = Field(row, layout.RoundColumn);
            if (layout.Kind == LayoutKind.Wide)
            {
                var candidate = new ReturnCandidate(source, $"{table.Name} line {row.Line}") { CouncilKey = NullIfEmpty(council), RoundKey = NullIfEmpty(round) };
                foreach (var (column, key) in layout.QuestionColumns)
                    candidate.Answers.Add(new RawAnswer(key, Field(row, column), row.Line, NullIfEmpty(Field(row, layout.CommentColumns.GetValueOrDefault(key, -1)))));
                candidates.Add(candidate);
                continue;
            }

            var question = Field(row, layout.QuestionColumn);
            var answer = Field(row, layout.AnswerColumn);
            if (question.Length == 0)
            {
                if (answer.Length > 0)
                    Entry(council, round, row.Line).Candidate.Problems.Add($"line {row.Line}: the answer '{Excerpt.Of(answer)}' has no question id; it was not stored.");
                continue;
            }

            Entry(council, round, row.Line).Candidate.Answers.Add(new RawAnswer(question, answer, row.Line, NullIfEmpty(Field(row, layout.CommentColumn))));
        }

        foreach (var (candidate, first, last) in byKey.Values)
            candidate.Provenance = first == last ? $"{table.Name} line {first}" : $"{table.Name} lines {first}-{last}";
        return candidates;

        (ReturnCandidate Candidate, int First, int Last) Entry(string council, string round, int line)
        {
            var key = (council.ToUpperInvariant(), round.ToUpperInvariant());
            if (!byKey.TryGetValue(key, out var entry))
            {
                entry = (new ReturnCandidate(source, table.Name) { CouncilKey = NullIfEmpty(council), RoundKey = NullIfEmpty(round) }, line, line);
                candidates.Add(entry.Candidate);
            }

            entry.Last = line;
            byKey[key] = entry;
            return entry;
        }
    }

    private static string Field(TabularRow row, int column) =>
        column >= 0 && column < row.Fields.Length ? row.Fields[column].Trim() : "";

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
