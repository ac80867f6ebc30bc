using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using StpCollector.Ingestion;

namespace StpCollector.Rounds;

/// <summary>One council's checked answers, ready to write: what the reading thread hands the writing one.</summary>
internal sealed record CheckedBlock(string Council, string Provenance, AnswerCache.Encoded[] Answers, string?[] Comments);

/// <summary>
/// Writes checked blocks as returns through a <see cref="BlockSink"/> (SQLite's prepared statements or PostgreSQL's
/// binary COPY), on a thread of its own, so that reading and checking the file (one core) overlaps the database's
/// work (the other). The queue between them is bounded, so memory stays a few blocks whatever the file's size. It is
/// still one transaction, owned by the caller: the caller waits for <see cref="CompleteAsync"/> before it commits,
/// and <see cref="Dispose"/> stops the thread before a rollback.
/// </summary>
internal sealed class BlockStore(BlockSink sink) : IDisposable
{
    private const int QueuedBlocks = 256;

    private readonly BlockingCollection<CheckedBlock> queue = new(QueuedBlocks);
    private readonly CancellationTokenSource stop = new();
    private Task? writing;
    private ExceptionDispatchInfo? failure;

    public long Returns => sink.Returns;
    public long Replaced => sink.Replaced;

    /// <summary>The round's current returns before the import, which the file's returns supersede.</summary>
    public void Start(IEnumerable<(string Council, long Id)> currentReturns)
    {
        sink.Supersede(currentReturns);
        writing = Task.Factory.StartNew(WriteAll, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Queues a block, waiting while the queue is full; a failure of the writing thread surfaces here.</summary>
    public void Add(CheckedBlock block)
    {
        try
        {
            queue.Add(block, stop.Token);
        }
        catch (OperationCanceledException) when (failure is not null)
        {
            failure.Throw();
        }
    }

    /// <summary>Waits until every queued block is written (rethrowing the writing thread's failure, if any).</summary>
    public async Task CompleteAsync()
    {
        queue.CompleteAdding();
        if (writing is not null)
            await writing;
        failure?.Throw();
    }

    private void WriteAll()
    {
        try
        {
            foreach (var block in queue.GetConsumingEnumerable(stop.Token))
                sink.Write(block);
            sink.Finish();
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped by Dispose: the caller is rolling back.
        }
        catch (Exception e)
        {
            failure = ExceptionDispatchInfo.Capture(e);
            stop.Cancel();
        }
    }

    public void Dispose()
    {
        if (writing is { IsCompleted: false })
        {
            stop.Cancel();
            writing.Wait();
        }

        queue.Dispose();
        stop.Dispose();
        sink.Dispose();
    }
}
