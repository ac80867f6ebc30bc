using System.Collections.Concurrent;

namespace StpCollector.Outbox;

/// <summary>What one dispatch sweep shares between its connections: the work queue, the pacer, the stop signal and the tally.</summary>
public sealed class DispatchRun : IDisposable
{
    private readonly ConcurrentQueue<DueMessage> queue = new();
    private readonly CancellationTokenSource sendAbort = new();
    private readonly CancellationTokenRegistration onStop;
    private readonly CancellationToken stopping;
    private string? stopReason;
    private int sent, failed, retrying;
    private long serverTicks, recordTicks;

    public DispatchRun(OutboxOptions options, CancellationToken stopping)
    {
        this.stopping = stopping;
        Pacer = new SendPacer(options.RatePerSecond);
        // A stop request ends the run between messages; a send already under way gets a moment to finish, so that a
        // normal shutdown rarely leaves a message whose fate the server knows and we do not.
        onStop = stopping.Register(() => sendAbort.CancelAfter(TimeSpan.FromSeconds(2)));
    }

    public SendPacer Pacer { get; }
    public CancellationToken Stopping => stopping;
    public CancellationToken SendAbort => sendAbort.Token;
    public bool Stopped => stopping.IsCancellationRequested || Volatile.Read(ref stopReason) is not null;
    public string? StopReason => Volatile.Read(ref stopReason);
    public string? ConnectError { get; private set; }
    public bool Connected { get; private set; }
    public int Sent => sent;
    public int Failed => failed;
    public int Retrying => retrying;
    public int Left => queue.Count;

    public void Enqueue(IEnumerable<DueMessage> batch)
    {
        foreach (var message in batch)
            queue.Enqueue(message);
    }

    public bool TryTake(out DueMessage message) => queue.TryDequeue(out message!);

    public void Stop(string reason) => Interlocked.CompareExchange(ref stopReason, reason, null);

    public void ConnectFailed(string error)
    {
        ConnectError ??= error;
        Stop($"cannot connect: {error}");
    }

    public void ConnectSucceeded() => Connected = true;

    public void RecordSent(TimeSpan server, TimeSpan record)
    {
        Interlocked.Increment(ref sent);
        Interlocked.Add(ref serverTicks, server.Ticks);
        Interlocked.Add(ref recordTicks, record.Ticks);
    }

    public void RecordFailed() => Interlocked.Increment(ref failed);

    public void RecordRetry() => Interlocked.Increment(ref retrying);

    /// <summary>Mean time per sent message spent in the SMTP exchange, and in committing 'sent' after the server's 250.</summary>
    public (double ServerMs, double RecordMs) MeanTimes() => sent == 0 ? (0, 0)
        : (TimeSpan.FromTicks(serverTicks / sent).TotalMilliseconds, TimeSpan.FromTicks(recordTicks / sent).TotalMilliseconds);

    public void Dispose()
    {
        onStop.Dispose();
        sendAbort.Dispose();
    }
}
