using System.Data.Common;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using StpCollector.Ingestion;

namespace StpCollector.Rounds;

/// <summary>One council's checked answers, ready to write: what the reading thread hands the writing one.</summary>
internal sealed record CheckedBlock(string Council, string Provenance, AnswerCache.Encoded[] Answers, string?[] Comments);

/// <summary>
/// Writes checked blocks as returns through prepared raw statements, on a thread of its own, so that reading and
/// checking the file (one core) overlaps SQLite's work (the other). The queue between them is bounded, so memory
/// stays a few blocks whatever the file's size. It is still one transaction, owned by the caller: the caller waits
/// for <see cref="CompleteAsync"/> before it commits, and <see cref="Dispose"/> stops the thread before a rollback.
/// </summary>
internal sealed class BlockStore : IDisposable
{
    private const int QueuedBlocks = 256;

    private readonly Round round;
    private readonly string now;
    private readonly bool late;
    private readonly Dictionary<string, long> current = new(StringComparer.Ordinal);
    private readonly RawStatement retire, insertReturn, link, insertAnswer;
    private readonly BlockingCollection<CheckedBlock> queue = new(QueuedBlocks);
    private readonly CancellationTokenSource stop = new();
    private Task? writing;
    private ExceptionDispatchInfo? failure;

    public BlockStore(DbConnection connection, Round round, string now)
    {
        this.round = round;
        this.now = now;
        late = RoundDelivery.IsLate(round.ClosesAt, Storage.DapperSetup.ParseTimestamp(now));
        var db = ((Microsoft.Data.Sqlite.SqliteConnection)connection).Handle ?? throw new InvalidOperationException("The connection is not open.");
        retire = new RawStatement(db, "UPDATE returns SET is_current = 0 WHERE id = ?1");
        insertReturn = new RawStatement(db, """
            INSERT INTO returns (round_id, council_code, source, provenance, sender, received_at, late, is_current, superseded_by, created_at, inbound_id)
            VALUES (?1, ?2, 'staff_import', ?3, NULL, ?4, ?5, 1, NULL, ?4, NULL)
            """);
        link = new RawStatement(db, "UPDATE returns SET superseded_by = ?1 WHERE id = ?2");
        insertAnswer = new RawStatement(db, """
            INSERT INTO answers (return_id, question_id, raw_value, value, number_value, status, problem, note, comment)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            """);
    }

    public long Returns { get; private set; }
    public long Replaced { get; private set; }

    /// <summary>The round's current returns before the import, which the file's returns supersede.</summary>
    public void Start(IEnumerable<(string Council, long Id)> currentReturns)
    {
        foreach (var (code, id) in currentReturns)
            current[code] = id;
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
                Write(block);
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

    private void Write(CheckedBlock block)
    {
        // One current return per council and round (a unique index): retire the old one before inserting.
        var replaces = current.TryGetValue(block.Council, out var old);
        if (replaces)
            retire.Int(1, old).Run();
        var id = insertReturn.Int(1, round.Id).Text(2, block.Council).Text(3, block.Provenance).Text(4, now).Int(5, late ? 1 : 0).Run();
        if (replaces)
        {
            link.Int(1, id).Int(2, old).Run();
            Replaced++;
        }

        current[block.Council] = id;
        Returns++;
        for (var i = 0; i < block.Answers.Length; i++)
        {
            var encoded = block.Answers[i];
            insertAnswer.Int(1, id).Utf8(2, encoded.QuestionId).Utf8(3, encoded.Raw).Utf8(4, encoded.Value).Real(5, encoded.Answer.Number)
                .Utf8(6, encoded.Status).Utf8(7, encoded.Problem).Utf8(8, encoded.Note).Text(9, block.Comments[i]).Run();
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
        retire.Dispose();
        insertReturn.Dispose();
        link.Dispose();
        insertAnswer.Dispose();
    }
}
