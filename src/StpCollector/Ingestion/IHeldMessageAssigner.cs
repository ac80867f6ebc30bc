using System.Data.Common;

namespace StpCollector.Ingestion;

/// <summary>A held message or file as staff assign it: its record, and its archived bytes, read when needed.</summary>
internal sealed record HeldMessage(InboundRecord Record, Func<byte[]> Read)
{
    public bool IsEmail => Record.Kind == InputKind.Email;
}

/// <summary>
/// What staff do with a held message beyond discarding it, done by the feature that stores returns: `holding-pen assign`
/// stores it for the round and council staff name, and `holding-pen show` lists what a message was stored as.
/// </summary>
internal interface IHeldMessageAssigner
{
    /// <summary>The outcome of storing it, and what it was assigned to (for the resolution note).</summary>
    Task<(Outcome Outcome, string AssignedTo)> AssignAsync(HeldMessage held, string roundKey, string councilKey, string? receiptTo, bool sendReceipt,
        DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    Task<IReadOnlyList<HoldingPen.StoredAnswer>> StoredAnswersAsync(DbConnection connection, long inboundId);

    /// <summary>The returns stored from a message, oldest first (a file may hold several councils' returns).</summary>
    Task<IReadOnlyList<long>> StoredReturnsAsync(DbConnection connection, long inboundId);
}
