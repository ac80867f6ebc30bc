using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StpCollector.Mail;
using StpCollector.Shared;

namespace StpCollector.Ingestion;

/// <summary>
/// Reads the returns mailbox (IMAP folder or drop folder) over one connection per pass, in batches: fetch a
/// batch, process each message in its own transaction, then move the batch's messages to Processed, Held or
/// Failed. A move happens only after its message's outcome is committed, so a crash anywhere means the message
/// is read again and recognised as a duplicate. One bad message never stops the sweep.
/// One process reads the mailbox at a time (DATA/mailbox.lock): a `run --once` that finds the worker (or another
/// `run --once`) mid-sweep leaves the messages to it instead of racing it for the same files.
/// </summary>
internal sealed class MailboxReader(IMailbox mailbox, InboundPipeline pipeline, IOptions<IngestionOptions> options, AppPaths paths,
    ILogger<MailboxReader> logger)
{
    /// <summary>Reads every message waiting now and says what became of them, in words.</summary>
    public async Task<SweepResult> ReadWaitingAsync(CancellationToken cancellationToken)
    {
        using var mailboxLock = ExclusiveFileLock.TryAcquire(Path.Combine(paths.DataDir, "mailbox.lock"));
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
            foreach (var (item, bytes) in read)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (diskFull)
                    break;
                var inbound = new InboundItem(InboundItem.Mailbox, item.Name, bytes, files ? item.Id : null, item.ArrivedAt);
                InboundResult result;
                try
                {
                    result = await pipeline.ProcessAsync(inbound, IngestHints.None, cancellationToken);
                }
                catch (Exception e) when (Shared.DiskSpace.IsDiskFull(e))
                {
                    // Not the message's fault: it stays in the inbox, untouched, and the rest wait too until there is room.
                    diskFull = true;
                    continue;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Could not process {Item}; recording it as failed", item.Name);
                    try
                    {
                        result = await pipeline.RecordFailureAsync(inbound, e, cancellationToken);
                    }
                    catch (Exception again) when (Shared.DiskSpace.IsDiskFull(again))
                    {
                        diskFull = true;
                        continue;
                    }
                    catch (Exception again) when (again is not OperationCanceledException)
                    {
                        // The database itself is failing: leave the message where it is for the next sweep.
                        logger.LogError(again, "Could not record the failure of {Item}; it stays in the inbox", item.Name);
                        continue;
                    }
                }

                counts[result.Duplicate ? "duplicate" : result.Outcome] = counts.GetValueOrDefault(result.Duplicate ? "duplicate" : result.Outcome) + 1;
                (moves.TryGetValue(result.Destination, out var list) ? list : moves[result.Destination] = []).Add(item);
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

    private static string Plural(int count, string noun) =>
        count == 1 ? $"1 {noun}" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{count:N0} {noun}s");
}

/// <summary>The mailbox sweep stopped because the disk is full; its message says how many messages wait (and is an ENOSPC, so it is reported as the disk being full).</summary>
internal sealed class DiskFullWhileReadingException(string message) : IOException(message, 28);
