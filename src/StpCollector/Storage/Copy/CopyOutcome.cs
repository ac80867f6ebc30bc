namespace StpCollector.Storage.Copy;

/// <summary>One table's figures on both sides; the copy is kept only when every table matches.</summary>
internal sealed record TableCopied(string Table, long SourceRows, long TargetRows, string SourceChecksum, string TargetChecksum)
{
    public bool Matches => SourceRows == TargetRows && SourceChecksum == TargetChecksum;
}

internal sealed record CopyOutcome(string SourceFile, string Target, IReadOnlyList<TableCopied> Tables)
{
    public bool Matches => Tables.All(t => t.Matches);

    public long Rows => Tables.Sum(t => t.SourceRows);
}
