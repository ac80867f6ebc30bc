using System.Data.Common;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StpCollector.Mail;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Outbox;

/// <summary>
/// Sends what is due in the outbox. Crash safety rests on three commits per message: 'sending' before the server
/// sees it, 'sent' straight after its 250, and recovery of any 'sending' row by the next holder of the dispatch lock.
/// So a crash loses nothing, and can repeat only the message each connection was sending at that instant — and
/// only if the server had already accepted it. The repeat carries the same Message-ID, so it is recognisable.
/// A singleton: it remembers between passes whether the mail server was unreachable, to warn once, not every tick.
/// </summary>
internal sealed class OutboxDispatcher(
    Database database,
    IMailTransport transport,
    OutboxQueue queue,
    IOptions<OutboxOptions> options,
    AppPaths paths,
    ILogger<OutboxDispatcher> logger)
{
    private string? connectionProblem;

    /// <summary>Sends what is due, over the configured number of connections; says what that was, in words.</summary>
    public async Task<SweepResult> DispatchDueAsync(CancellationToken cancellationToken)
    {
        // One dispatcher at a time across processes (the worker and a `run --once` from cron may overlap; on PostgreSQL,
        // workers on several machines): whoever holds the outbox lock knows that any row still marked 'sending' was cut
        // off and must be recovered.
        await using var dispatchLock = await SharedLock.TryTakeAsync(database, paths, "outbox", cancellationToken);
        if (dispatchLock is null)
        {
            logger.LogDebug("Another StpCollector process is dispatching the outbox; leaving it to that one");
            return SweepResult.Idle("another StpCollector process is dispatching the outbox; left to that one");
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var cut in await queue.RecoverInterruptedAsync(connection))
        {
            logger.LogWarning("Outbox message {Id} to {Recipient} was cut off mid-send by a stop or crash; sending it again with the same Message-ID <{MessageId}>, so the recipient may see it twice",
                cut.Id, cut.Recipient, cut.MessageId);
        }

        var expired = await queue.ExpireAsync(connection);
        if (expired > 0)
            logger.LogInformation("Outbox: {Count} message(s) expired before they could be sent and were cancelled", expired);

        var settings = options.Value;
        using var run = new DispatchRun(settings, cancellationToken);
        using var recorder = queue.RecorderFor(connection);
        await using var checkpoint = await BackgroundCheckpoint.StartAsync(database, connection, cancellationToken);
        var senders = Enumerable.Range(0, settings.Connections).Select(_ => new OutboxSender(transport, queue, recorder, run, logger)).ToList();
        var started = Stopwatch.GetTimestamp();
        try
        {
            while (!run.Stopped)
            {
                var batch = await queue.NextDueAsync(connection, settings.BatchSize);
                if (batch.Count == 0)
                    break;
                run.Enqueue(batch);
                await Task.WhenAll(senders.Select(s => s.DrainAsync()));
            }
        }
        finally
        {
            foreach (var sender in senders)
                await sender.DisposeAsync();
        }

        var result = await ReportAsync(connection, run, Stopwatch.GetElapsedTime(started));
        return expired > 0 ? result with { Summary = $"{result.Summary}; {expired} expired unsent and cancelled", DidWork = true } : result;
    }

    private async Task<SweepResult> ReportAsync(DbConnection connection, DispatchRun run, TimeSpan elapsed)
    {
        if (run.ConnectError is { } error)
        {
            if (connectionProblem is null)
                logger.LogWarning("Cannot reach {Transport}: {Error}. Queued mail stays in the outbox and goes when it is back", transport.Describe(), error);
            else
                logger.LogDebug("Still cannot reach {Transport}: {Error}", transport.Describe(), error);
            connectionProblem = error;
            await queue.NoteConnectionProblemAsync(connection, $"cannot reach {transport.Describe()}: {error}");
        }
        else if (run.Connected)
        {
            if (connectionProblem is not null)
                logger.LogInformation("Reached {Transport} again", transport.Describe());
            connectionProblem = null;
            await queue.NoteConnectionProblemAsync(connection, null); // also clears a note left by an earlier process
        }

        if (run.Sent + run.Failed + run.Retrying == 0)
        {
            return SweepResult.Idle(run.ConnectError is { } problem
                ? $"cannot reach {transport.Describe()}: {problem}; queued mail stays in the outbox"
                : "nothing to send");
        }

        // The duplicate window: a crash repeats a message only if it strikes after the server has the whole message
        // and before 'sent' is committed, i.e. within the acceptance wait plus the recording time.
        var (exchangeMs, acceptanceMs, recordMs) = run.MeanTimes();
        logger.LogInformation(
            "Outbox: {Sent} sent, {Failed} failed, {Retrying} to retry in {Elapsed:0.0} s; per message {ExchangeMs:0.00} ms in the SMTP exchange, " +
            "of which {AcceptanceMs} ms from the end of the message to the server's reply, then {RecordMs:0.000} ms recording it{Stopped}",
            run.Sent, run.Failed, run.Retrying, elapsed.TotalSeconds, exchangeMs,
            acceptanceMs is { } wait ? wait.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "(unknown)", recordMs,
            run.StopReason is { } reason && run.ConnectError is null ? $"; paused until the next tick after {reason}" : "");
        return SweepResult.Worked($"{run.Sent} sent, {run.Failed} failed" + (run.Retrying > 0 ? $", {run.Retrying} to retry" : "") +
            (run.ConnectError is { } cut ? $"; cannot reach {transport.Describe()}: {cut}"
                : run.StopReason is { } paused ? $"; paused until the next tick after {paused}" : ""));
    }
}
