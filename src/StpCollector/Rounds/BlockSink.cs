namespace StpCollector.Rounds;

/// <summary>
/// What writes the import's checked blocks into one store, called on the writing thread only. Each block becomes a
/// return of its council that supersedes the council's current one (from before the import, or earlier in the file).
/// </summary>
internal abstract class BlockSink : IDisposable
{
    /// <summary>Each council's current return in the round, as the blocks written so far leave it.</summary>
    protected Dictionary<string, long> Current { get; } = new(StringComparer.Ordinal);

    public long Returns { get; protected set; }
    public long Replaced { get; protected set; }

    public void Supersede(IEnumerable<(string Council, long Id)> currentReturns)
    {
        foreach (var (code, id) in currentReturns)
            Current[code] = id;
    }

    public abstract void Write(CheckedBlock block);

    /// <summary>Writes whatever the sink still holds back, once the last block is in.</summary>
    public virtual void Finish()
    {
    }

    public abstract void Dispose();
}
