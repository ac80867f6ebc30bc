using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StpCollector.Mail;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Ingestion;

/// <summary>
/// Reads the returns mailbox (IMAP folder or drop folder) over one connection per pass, in batches: fetch a
/// batch, process its messages a few to a transaction (each in its own savepoint, see <see cref="InboundBatch"/>),
/// then move the batch's messages to Processed, Held or Failed. A move happens only after its message's outcome is
/// committed, so a crash anywhere means the message is read again and recognised as a duplicate. One bad message
/// never stops the sweep, nor undoes the messages sharing its transaction.
/// One process reads the mailbox at a time (DATA/mailbox.lock): a `run --once` that finds the worker (or another
/// `run --once`) mid-sweep leaves the messages to it instead of racing it for the same files.
/// </summary>
internal sealed class MailboxReader(IMailbox mailbox, InboundPipeline pipeline, IOptions<IngestionOptions> options, AppPaths paths,
    Database database, ILogger<MailboxReader> logger)
{
    /// <summary>Reads every message waiting now and says what became of them, in words.</summary>
    public async Task<SweepResult> ReadWaitingAsync(CancellationToken cancellationToken)
    {
        await using var mailboxLock = await SharedLock.TryTakeAsync(database, paths, "mailbox", cancellationToken);
        if (mailboxLock is null)
        {
            logger.LogInformation("Another StpCollector process is reading {Mailbox} now; leaving its messages to that one", mailbox.Describe());
            return SweepResult.Idle($"skipped: another StpCollector process is reading {mailbox.Describe()} now");
        }

        await using var session = await mailbox.OpenAsync(cancellationToken);
        var items = await session.ListAsync(cancellationToken);
        if (items.Count == 0)
            return SweepResult.Idle($"no messages waiting in {mailbox.Describe()}");
        logger.LogInformation("{Count} message(s) waiting in {Mailbox}", items.Count, mailbox.Describe());
        var files = mailbox is DropFolderMailbox;
        var counts = new Dictionary<string, int>();
        var diskFull = false;
        foreach (var batch in items.Chunk(options.Value.FetchBatchSize))
        {
            if (diskFull)
                break;
            var read = await session.ReadManyAsync(batch, cancellationToken);
            var moves = new Dictionary<MailboxDestination, List<MailboxItem>>();
            foreach (var together in read.Chunk(MessagesPerTransaction))
            {
                var group = together.Select(r => (r.Item, Inbound: new InboundItem(InboundItem.Mailbox, r.Item.Name, r.Bytes, files ? r.Item.Id : null, r.Item.ArrivedAt))).ToList();
                var (stored, full) = await ProcessTogetherAsync(group, cancellationToken);
                foreach (var (item, result) in stored)
                {
                    counts[result.Duplicate ? "duplicate" : result.Outcome] = counts.GetValueOrDefault(result.Duplicate ? "duplicate" : result.Outcome) + 1;
                    (moves.TryGetValue(result.Destination, out var list) ? list : moves[result.Destination] = []).Add(item);
                }

                diskFull = full;
                if (diskFull)
                    break;
            }

            foreach (var (destination, list) in moves)
                await session.MoveManyAsync(list, destination, cancellationToken);
        }

        if (diskFull)
        {
            var waiting = items.Count - counts.Values.Sum();
            throw new DiskFullWhileReadingException(
                $"{Shared.DiskSpace.FullSummary(paths.DataDir)}: {Plural(counts.Values.Sum(), "message")} stored, {Plural(waiting, "message")} left waiting in {mailbox.Describe()}");
        }

        var outcomes = string.Join(", ", counts.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Value} {kv.Key.Replace('_', '-')}"));
        var handled = counts.Values.Sum();
        var left = items.Count - handled;
        return SweepResult.Worked($"{Plural(handled, "message")} read" + (handled > 0 ? $" ({outcomes})" : "") +
            (left > 0 ? $"; {Plural(left, "message")} left in the inbox for the next sweep (see the log)" : ""));
    }

    /// <summary>
    /// Messages per transaction: enough to share the cost of BEGIN and COMMIT, few enough that a batch of FetchBatchSize
    /// commits several times before it is moved and the write lock is never held for long.
    /// </summary>
    private const int MessagesPerTransaction = 20;

    /// <summary>
    /// Processes a group of messages in one transaction and returns those committed (only they may leave the inbox), and
    /// whether the disk was found full (the rest then wait). If the shared transaction breaks or cannot commit for another
    /// reason, nothing of it counted, and the group is read again one transaction per message, as alone each would be.
    /// </summary>
    private async Task<(List<(MailboxItem Item, InboundResult Result)> Stored, bool DiskFull)> ProcessTogetherAsync(
        List<(MailboxItem Item, InboundItem Inbound)> group, CancellationToken cancellationToken)
    {
        var stored = new List<(MailboxItem, InboundResult)>(group.Count);
        try
        {
            // Disposed (rolled back if not committed) before any fallback opens transactions of its own.
            await using var batch = await pipeline.BeginBatchAsync(cancellationToken);
            var full = false;
            foreach (var (item, inbound) in group)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (result, stop) = await ProcessOrRecordFailureAsync(inbound, () => batch.ProcessAsync(inbound, cancellationToken),
                    e => batch.RecordFailureAsync(inbound, e));
                if (batch.Broken)
                    throw new BrokenBatchException(stop);
                if (result is not null)
                    stored.Add((item, result));
                full = stop;
                if (full)
                    break;
            }

            await batch.CommitAsync(cancellationToken);
            return (stored, full);
        }
        catch (Exception e) when (Shared.DiskSpace.IsDiskFull(e) || e is BrokenBatchException { DiskFull: true })
        {
            // Nothing of the group was committed: it all stays in the inbox, untouched.
            return ([], true);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not commit {Count} message(s) together; reading them again one at a time", group.Count);
        }

        return await ProcessOneByOneAsync(group, cancellationToken);
    }

    /// <summary>The shared transaction broke (SQLite rolled it back); DiskFull when a full disk broke it.</summary>
    private sealed class BrokenBatchException(bool diskFull) : Exception("the transaction shared by several messages was rolled back")
    {
        public bool DiskFull { get; } = diskFull;
    }

    private async Task<(List<(MailboxItem Item, InboundResult Result)> Stored, bool DiskFull)> ProcessOneByOneAsync(
        List<(MailboxItem Item, InboundItem Inbound)> group, CancellationToken cancellationToken)
    {
        var stored = new List<(MailboxItem, InboundResult)>(group.Count);
        foreach (var (item, inbound) in group)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (result, diskFull) = await ProcessOrRecordFailureAsync(inbound, () => pipeline.ProcessAsync(inbound, IngestHints.None, cancellationToken),
                e => pipeline.RecordFailureAsync(inbound, e, cancellationToken));
            if (result is not null)
                stored.Add((item, result));
            if (diskFull)
                return (stored, true);
        }

        return (stored, false);
    }

    /// <summary>
    /// What became of one message: its result, or its failure recorded; null when even that could not be written (it
    /// stays in the inbox for the next sweep). DiskFull: the disk is full, not the message's fault, so it and the rest wait.
    /// </summary>
    private async Task<(InboundResult? Result, bool DiskFull)> ProcessOrRecordFailureAsync(InboundItem inbound, Func<Task<InboundResult>> process,
        Func<Exception, Task<InboundResult>> recordFailure)
    {
        try
        {
            return (await process(), false);
        }
        catch (Exception e) when (Shared.DiskSpace.IsDiskFull(e))
        {
            return (null, true);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not process {Item}; recording it as failed", inbound.SourceName);
            try
            {
                return (await recordFailure(e), false);
            }
            catch (Exception again) when (Shared.DiskSpace.IsDiskFull(again))
            {
                return (null, true);
            }
            catch (Exception again) when (again is not OperationCanceledException)
            {
                // The database itself is failing: leave the message where it is for the next sweep.
                logger.LogError(again, "Could not record the failure of {Item}; it stays in the inbox", inbound.SourceName);
                return (null, false);
            }
        }
    }

    private static string Plural(int count, string noun) =>
        count == 1 ? $"1 {noun}" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{count:N0} {noun}s");
}

/// <summary>The mailbox sweep stopped because the disk is full; its message says how many messages wait (and is an ENOSPC, so it is reported as the disk being full).</summary>
internal sealed class DiskFullWhileReadingException(string message) : IOException(message, 28);
