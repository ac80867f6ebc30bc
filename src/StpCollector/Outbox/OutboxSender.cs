using System.Diagnostics;
using Microsoft.Extensions.Logging;
using MimeKit;
using StpCollector.Mail;

namespace StpCollector.Outbox;

/// <summary>
/// One mail connection of a dispatch run: takes messages from the run's queue and sends them over a single reused
/// session, recording each outcome the moment it is known. A broken connection is reopened once per message; if it
/// cannot be reopened the run stops and the rest of the queue stays pending, untouched.
/// </summary>
internal sealed class OutboxSender(IMailTransport transport, OutboxQueue queue, DispatchRecorder recorder, DispatchRun run, ILogger logger) : IAsyncDisposable
{
    /// <summary>Transient failures in a row on one connection before the run gives up until the next tick.</summary>
    private const int TransientFailuresBeforePause = 3;

    private IMailSession? session;
    private int transientInARow;

    public async Task DrainAsync()
    {
        while (!run.Stopped && run.TryTake(out var due))
        {
            if (session is null && !await ConnectAsync())
                return;
            await run.Pacer.WaitAsync(run.Stopping);
            await SendOneAsync(due);
        }
    }

    private async Task<bool> ConnectAsync()
    {
        try
        {
            session = await transport.ConnectAsync(run.Stopping);
            run.ConnectSucceeded();
            return true;
        }
        catch (MailDeliveryException e)
        {
            run.ConnectFailed(e.Message);
            return false;
        }
    }

    private async Task SendOneAsync(DueMessage due)
    {
        MimeMessage message;
        try
        {
            // Persistent: the parts' content stays a view of the stored bytes instead of being copied out of them.
            message = MimeMessage.Load(new MemoryStream(due.Mime, writable: false), persistent: true);
        }
        catch (Exception e) when (e is FormatException or ParseException)
        {
            if (await recorder.TryMarkSendingAsync(due.Id))
                await recorder.WriteAsync(db => queue.MarkFailedAsync(db, due.Id, $"The stored message cannot be read: {e.Message}"));
            run.RecordFailed();
            return;
        }

        using var _ = message;
        if (!await recorder.TryMarkSendingAsync(due.Id))
            return; // cancelled (e.g. its round was) since the batch was read
        var started = Stopwatch.GetTimestamp();
        try
        {
            if (due.WireSize is { } wireSize)
                await session!.SendPreparedAsync(message, wireSize, run.SendAbort);
            else
                await session!.SendAsync(message, run.SendAbort);
        }
        catch (MailDeliveryException e) when (e.Permanent)
        {
            await recorder.WriteAsync(db => queue.MarkFailedAsync(db, due.Id, e.Message));
            run.RecordFailed();
            logger.LogWarning("Outbox message {Id} to {Recipient} was refused and will not be retried: {Error}", due.Id, due.Recipient, e.Message);
            return;
        }
        catch (Exception e) when (Shared.DiskSpace.IsDiskFull(e))
        {
            // The pickup folder's disk is full: not the message's fault, so no retry delay; the sweep stops and says so.
            try
            {
                await recorder.WriteAsync(db => queue.PutBackAsync(db, due.Id, e.Message));
            }
            catch (Exception again) when (Shared.DiskSpace.IsDiskFull(again))
            {
                // Left 'sending': the next sweep recovers it as interrupted and sends it then.
            }

            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // 4xx, a dropped connection or a timeout. If it dropped after the final "." the server may have the
            // message already; the retry carries the same Message-ID.
            var next = await recorder.WriteAsync(db => queue.MarkForRetryAsync(db, due.Id, due.Attempts + 1, e.Message));
            run.RecordRetry();
            if (next is null)
                logger.LogWarning("Outbox message {Id} to {Recipient} failed after {Attempts} attempts: {Error}", due.Id, due.Recipient, due.Attempts + 1, e.Message);
            else
                logger.LogInformation("Outbox message {Id} to {Recipient} will be retried at {Next:u}: {Error}", due.Id, due.Recipient, next, e.Message);
            await DropSessionAsync();
            if (++transientInARow >= TransientFailuresBeforePause)
                run.Stop($"{transientInARow} transient failures in a row, the last: {e.Message}");
            return;
        }

        var accepted = Stopwatch.GetTimestamp();
        await recorder.MarkSentAsync(due.Id);
        run.RecordSent(Stopwatch.GetElapsedTime(started, accepted), Stopwatch.GetElapsedTime(accepted), (session as IAcceptanceTiming)?.LastAcceptanceWait);
        transientInARow = 0;
    }

    private async Task DropSessionAsync()
    {
        if (session is not null)
            await session.DisposeAsync();
        session = null;
    }

    public ValueTask DisposeAsync() => new(DropSessionAsync());
}
