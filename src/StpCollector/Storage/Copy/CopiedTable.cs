namespace StpCollector.Storage.Copy;

/// <summary>
/// A table both databases have, with PostgreSQL's column types, its key (the order rows are read and checksummed in)
/// and the tables its foreign keys point to.
/// </summary>
internal sealed record CopiedTable(string Name, IReadOnlyList<CopiedColumn> Columns, IReadOnlyList<string> Key, IReadOnlySet<string> Parents)
{
    public string Quoted => Quote(Name);

    public string ColumnList => string.Join(", ", Columns.Select(c => Quote(c.Name)));

    /// <summary>SQLite compares text byte by byte (BINARY); PostgreSQL's "C" collation does the same, whatever the column's own.</summary>
    public string SqliteOrder => string.Join(", ", Key.Select(k => $"{Quote(k)} COLLATE BINARY"));

    public string PostgresOrder => string.Join(", ", Key.Select(k =>
        Columns.Single(c => c.Name == k).Kind == ColumnKind.Text ? $"{Quote(k)} COLLATE \"C\"" : Quote(k)));

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>
    /// Parents before children, so each foreign key finds its row. A table pointing at itself (returns.superseded_by)
    /// needs nothing more: PostgreSQL checks a foreign key that is not deferrable at the end of each statement, and
    /// each table is one COPY. <paramref name="alsoAfter"/> adds orderings no foreign key states.
    /// </summary>
    public static List<CopiedTable> ParentsFirst(IReadOnlyList<CopiedTable> tables, IReadOnlyDictionary<string, string> alsoAfter)
    {
        var byName = tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var waitsFor = tables.ToDictionary(
            t => t.Name,
            t => t.Parents.Where(p => p != t.Name && byName.ContainsKey(p))
                .Concat(alsoAfter.TryGetValue(t.Name, out var before) && byName.ContainsKey(before) ? [before] : [])
                .ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
        var ordered = new List<CopiedTable>();
        while (waitsFor.Count > 0)
        {
            var ready = waitsFor.Where(w => w.Value.Count == 0).Select(w => w.Key).Order(StringComparer.Ordinal).FirstOrDefault()
                ?? throw new InvalidOperationException(
                    $"The tables {string.Join(", ", waitsFor.Keys.Order(StringComparer.Ordinal))} refer to each other in a circle; db copy cannot order them.");
            ordered.Add(byName[ready]);
            waitsFor.Remove(ready);
            foreach (var waiting in waitsFor.Values)
                waiting.Remove(ready);
        }

        return ordered;
    }
}
