using System.Diagnostics;

namespace StpCollector.Outbox;

/// <summary>
/// Spaces sends evenly at a rate shared by all connections. Real elapsed time, not the app clock: it paces what the
/// mail server sees. Idle time is not saved up, so a quiet spell never allows a burst.
/// </summary>
internal sealed class SendPacer(double perSecond)
{
    private readonly long interval = perSecond <= 0 ? 0 : (long)(Stopwatch.Frequency / perSecond);
    private readonly Lock gate = new();
    private long next;

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        if (interval == 0)
            return;
        long slot;
        lock (gate)
        {
            slot = Math.Max(next, Stopwatch.GetTimestamp());
            next = slot + interval;
        }

        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), slot);
        if (wait > TimeSpan.Zero)
            await Task.Delay(wait, cancellationToken);
    }
}
