using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using MimeKit;
using StpCollector.Mail;
using StpCollector.Storage;

namespace StpCollector.Outbox;

/// <summary>
/// One mail connection of a dispatch run: takes messages from the run's queue and sends them over a single reused
/// session, recording each outcome the moment it is known. A broken connection is reopened once per message; if it
/// cannot be reopened the run stops and the rest of the queue stays pending, untouched.
/// </summary>
internal sealed class OutboxSender(IMailTransport transport, OutboxQueue queue, Database database, DispatchRun run, ILogger logger) : IAsyncDisposable
{
    /// <summary>Transient failures in a row on one connection before the run gives up until the next tick.</summary>
    private const int TransientFailuresBeforePause = 3;

    private IMailSession? session;
    private SqliteConnection? connection;
    private int transientInARow;

    public async Task DrainAsync()
    {
        connection ??= await database.OpenAsync(run.Stopping);
        while (!run.Stopped && run.TryTake(out var due))
        {
            if (session is null && !await ConnectAsync())
                return;
            await run.Pacer.WaitAsync(run.Stopping);
            await SendOneAsync(connection, due);
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

    private async Task SendOneAsync(SqliteConnection db, DueMessage due)
    {
        MimeMessage message;
        try
        {
            message = MimeMessage.Load(new MemoryStream(due.Mime, writable: false));
        }
        catch (Exception e) when (e is FormatException or ParseException)
        {
            if (await queue.TryMarkSendingAsync(db, due.Id))
                await queue.MarkFailedAsync(db, due.Id, $"The stored message cannot be read: {e.Message}");
            run.RecordFailed();
            return;
        }

        if (!await queue.TryMarkSendingAsync(db, due.Id))
            return; // cancelled (e.g. its round was) since the batch was read
        var started = Stopwatch.GetTimestamp();
        try
        {
            await session!.SendAsync(message, run.SendAbort);
        }
        catch (MailDeliveryException e) when (e.Permanent)
        {
            await queue.MarkFailedAsync(db, due.Id, e.Message);
            run.RecordFailed();
            logger.LogWarning("Outbox message {Id} to {Recipient} was refused and will not be retried: {Error}", due.Id, due.Recipient, e.Message);
            return;
        }
        catch (Exception e) when (Shared.DiskSpace.IsDiskFull(e))
        {
            // The pickup folder's disk is full: not the message's fault, so no retry delay; the sweep stops and says so.
            try
            {
                await queue.PutBackAsync(db, due.Id, e.Message);
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
            var next = await queue.MarkForRetryAsync(db, due.Id, due.Attempts + 1, e.Message);
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
        await queue.MarkSentAsync(db, due.Id);
        run.RecordSent(Stopwatch.GetElapsedTime(started, accepted), Stopwatch.GetElapsedTime(accepted), (session as IAcceptanceTiming)?.LastAcceptanceWait);
        transientInARow = 0;
    }

    private async Task DropSessionAsync()
    {
        if (session is not null)
            await session.DisposeAsync();
        session = null;
    }

    public async ValueTask DisposeAsync()
    {
        await DropSessionAsync();
        if (connection is not null)
            await connection.DisposeAsync();
    }
}
