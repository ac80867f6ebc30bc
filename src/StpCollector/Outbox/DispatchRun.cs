using System.Collections.Concurrent;

namespace StpCollector.Outbox;

/// <summary>What one dispatch sweep shares between its connections: the work queue, the pacer, the stop signal and the tally.</summary>
internal sealed class DispatchRun : IDisposable
{
    private readonly ConcurrentQueue<DueMessage> queue = new();
    private readonly CancellationTokenSource sendAbort = new();
    private readonly CancellationTokenRegistration onStop;
    private readonly CancellationToken stopping;
    private string? stopReason;
    private int sent, failed, retrying;
    private long serverTicks, recordTicks, acceptanceTicks, acceptanceCount;

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

    public void RecordSent(TimeSpan exchange, TimeSpan record, TimeSpan? acceptance)
    {
        Interlocked.Increment(ref sent);
        Interlocked.Add(ref serverTicks, exchange.Ticks);
        Interlocked.Add(ref recordTicks, record.Ticks);
        if (acceptance is { } wait)
        {
            Interlocked.Add(ref acceptanceTicks, wait.Ticks);
            Interlocked.Increment(ref acceptanceCount);
        }
    }

    public void RecordFailed() => Interlocked.Increment(ref failed);

    public void RecordRetry() => Interlocked.Increment(ref retrying);

    /// <summary>
    /// Mean milliseconds per sent message: the whole SMTP exchange; the part of it from the end of the message to the
    /// server's reply (null when the transport cannot tell); and committing 'sent' after the reply.
    /// </summary>
    public (double ExchangeMs, double? AcceptanceMs, double RecordMs) MeanTimes() => sent == 0 ? (0, null, 0)
        : (TimeSpan.FromTicks(serverTicks / sent).TotalMilliseconds,
           acceptanceCount == 0 ? null : TimeSpan.FromTicks(acceptanceTicks / acceptanceCount).TotalMilliseconds,
           TimeSpan.FromTicks(recordTicks / sent).TotalMilliseconds);

    public void Dispose()
    {
        onStop.Dispose();
        sendAbort.Dispose();
    }
}
