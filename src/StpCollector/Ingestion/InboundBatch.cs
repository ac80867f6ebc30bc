using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace StpCollector.Ingestion;

/// <summary>
/// Several mailbox messages in one transaction, so that each does not pay for its own connection, BEGIN and COMMIT.
/// Each message works inside its own savepoint: one that fails is rolled back alone and recorded as failed, and its
/// batch-mates keep their work. Nothing counts until <see cref="CommitAsync"/> returns, and the caller moves the
/// messages out of the inbox only then; a crash before that leaves them all in the inbox, to be read again.
/// When the transaction itself breaks (a savepoint cannot be rolled back), the batch is <see cref="Broken"/>: nothing
/// of it was committed, and the caller reads its messages again one transaction each.
/// </summary>
internal sealed class InboundBatch(InboundPipeline pipeline, DbConnection connection, DbTransaction transaction, ILogger logger) : IAsyncDisposable
{
    private const string Savepoint = "message";
    private readonly List<(InboundItem Item, InboundResult Result)> done = [];

    /// <summary>The transaction can no longer be trusted: roll it all back and read the messages one transaction each.</summary>
    public bool Broken { get; private set; }

    /// <summary>Processes one message in its savepoint; on an exception its work is rolled back before the exception goes on.</summary>
    public Task<InboundResult> ProcessAsync(InboundItem item, CancellationToken cancellationToken) =>
        InSavepointAsync(item, () => pipeline.ProcessAsync(item, IngestHints.None, connection, transaction, cancellationToken));

    /// <summary>Records a message that failed (its own work already rolled back), so it leaves the inbox with a reason.</summary>
    public Task<InboundResult> RecordFailureAsync(InboundItem item, Exception error) =>
        InSavepointAsync(item, () => pipeline.RecordFailureAsync(item, error, connection, transaction));

    private async Task<InboundResult> InSavepointAsync(InboundItem item, Func<Task<InboundResult>> work)
    {
        ObjectDisposedException.ThrowIf(Broken, this);
        await transaction.SaveAsync(Savepoint);
        InboundResult result;
        try
        {
            result = await work();
        }
        catch
        {
            try
            {
                await transaction.RollbackAsync(Savepoint);
                await transaction.ReleaseAsync(Savepoint);
            }
            catch (DbException e)
            {
                // SQLite rolls the whole transaction back itself after some errors (a full disk, I/O): the savepoint is gone with it.
                logger.LogWarning(e, "The transaction of a batch of messages broke at {Item}; its messages are read again one at a time", item.SourceName);
                Broken = true;
            }

            throw;
        }

        await transaction.ReleaseAsync(Savepoint);
        done.Add((item, result));
        return result;
    }

    /// <summary>Commits every message processed so far, then logs what became of each.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Broken, this);
        await transaction.CommitAsync(cancellationToken);
        foreach (var (item, result) in done)
            pipeline.Log(item, result);
    }

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
