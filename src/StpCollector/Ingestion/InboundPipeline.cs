using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using StpCollector.Files;
using StpCollector.Mail;
using StpCollector.Storage;

namespace StpCollector.Ingestion;

/// <summary>
/// Something that arrived: from the returns mailbox or `ingest FILE`. FileName decides how it is read; null means an
/// email. ArrivedAt is when the mailbox took it in (IMAP INTERNALDATE); null means now, the first time StpCollector reads it.
/// </summary>
internal sealed record InboundItem(string Channel, string SourceName, byte[] Bytes, string? FileName = null, DateTimeOffset? ArrivedAt = null)
{
    public const string Mailbox = "mailbox";
    public const string Cli = "cli";
}

/// <summary>Staff hints for files that do not name their round or council (`ingest --round --council`).</summary>
internal sealed record IngestHints(string? Round = null, string? Council = null)
{
    public static readonly IngestHints None = new();
}

internal sealed record InboundResult(long? Id, string Outcome, string Reason, bool Duplicate = false, int ReturnsStored = 0)
{
    public InboundOutcome OutcomeKind => InboundOutcomes.Parse(Outcome);

    public MailboxDestination Destination => OutcomeKind switch
    {
        InboundOutcome.Held => MailboxDestination.Held,
        InboundOutcome.Rejected or InboundOutcome.Failed => MailboxDestination.Failed,
        _ => MailboxDestination.Processed,
    };
}

/// <summary>
/// The one ingestion pipeline: archive → dedupe → triage → match → extract → check → store → receipt; a file in its own
/// transaction, mailbox messages several to a transaction, each in its own savepoint (<see cref="InboundBatch"/>). A crash
/// at any point is safe: the archive is idempotent, and a message whose transaction committed is recognised as a
/// duplicate when it is read again.
/// </summary>
internal sealed class InboundPipeline(
    Database database,
    InboundArchive archive,
    MailProcessor mail,
    IInboundFileHandler files,
    IOptions<IngestionOptions> options,
    TimeProvider clock,
    ILogger<InboundPipeline> logger)
{
    /// <summary>Processes one item in its own transaction (`ingest FILE`; the mailbox sweep uses <see cref="BeginBatchAsync"/>).</summary>
    public async Task<InboundResult> ProcessAsync(InboundItem item, IngestHints hints, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (DbTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var result = await ProcessAsync(item, hints, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Log(item, result);
        return result;
    }

    /// <summary>Opens one transaction for several mailbox messages, each isolated in a savepoint (see <see cref="InboundBatch"/>).</summary>
    public async Task<InboundBatch> BeginBatchAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken);
        try
        {
            return new InboundBatch(this, connection, (DbTransaction)await connection.BeginTransactionAsync(cancellationToken), logger);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Archives, parses and processes an item inside the caller's transaction; the outcome counts once that commits.</summary>
    internal async Task<InboundResult> ProcessAsync(InboundItem item, IngestHints hints, DbConnection connection, DbTransaction transaction,
        CancellationToken cancellationToken)
    {
        var kind = KindOf(item.FileName);
        var archivePath = archive.Save(item.Bytes, kind == InputKind.Email ? ".eml" : Path.GetExtension(item.FileName!));
        var (message, unreadable) = kind == InputKind.Email ? Parse(item.Bytes) : (null, null);
        var record = new InboundRecord
        {
            Channel = item.Channel,
            SourceName = item.SourceName,
            Kind = kind,
            MessageId = InboundRecord.MessageIdOf(message),
            ContentHash = InboundArchive.ContentHash(item.Bytes, message),
            ArchivePath = archivePath,
            Size = item.Bytes.Length,
            Sender = message?.From.Mailboxes.FirstOrDefault()?.Address,
            Subject = message?.Subject,
            SentAt = message?.Date is { } date && date != DateTimeOffset.MinValue ? DapperSetup.Format(date) : null,
            ReceivedAt = DapperSetup.Format(item.ArrivedAt ?? clock.GetUtcNow()),
        };

        return await RecordOnceAsync(record, async () =>
            item.Bytes.Length > options.Value.MaxMessageBytes
                ? Outcome.Rejected(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the message is {item.Bytes.Length:N0} bytes, over the limit of {options.Value.MaxMessageBytes:N0} (Ingestion:MaxMessageBytes)"))
                : unreadable is not null ? Outcome.Rejected(unreadable)
                : kind == InputKind.Email ? await mail.ProcessAsync(record, message!, connection, transaction, cancellationToken)
                : kind == InputKind.Other ? Outcome.Rejected($"{item.FileName}: only .eml, .csv and .xlsx files are read")
                : await files.ProcessAsync(record, item.Bytes, item.FileName!, hints, connection, transaction, cancellationToken),
            connection, transaction);
    }

    /// <summary>Says what became of an item, once its transaction has committed (a duplicate says nothing new).</summary>
    internal void Log(InboundItem item, InboundResult result)
    {
        if (!result.Duplicate)
            logger.LogInformation("Inbound #{Id} {Source}: {Outcome} ({Reason})", result.Id, item.SourceName, result.Outcome, result.Reason);
    }

    /// <summary>
    /// A message already seen returns its earlier result; otherwise the record is inserted, processed and finished in
    /// the caller's transaction, so a crash leaves either nothing or the whole outcome.
    /// </summary>
    private async Task<InboundResult> RecordOnceAsync(InboundRecord record, Func<Task<Outcome>> process, DbConnection connection, DbTransaction transaction)
    {
        var duplicate = await InboundRecord.FindDuplicateAsync(connection, transaction, record, clock.GetUtcNow());
        if (duplicate is not null)
            return duplicate;

        record.Id = await record.InsertAsync(connection, transaction);
        var outcome = await process();
        await record.FinishAsync(connection, transaction, outcome);
        return new InboundResult(record.Id, outcome.Name.Text(), outcome.Reason, ReturnsStored: outcome.ReturnsStored);
    }

    /// <summary>Records a message the pipeline failed on unexpectedly, in a fresh transaction, so it leaves the inbox with a reason.</summary>
    public async Task<InboundResult> RecordFailureAsync(InboundItem item, Exception error, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (DbTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var result = await RecordFailureAsync(item, error, connection, transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>Records the failure inside the caller's transaction (after the failed work was rolled back).</summary>
    internal async Task<InboundResult> RecordFailureAsync(InboundItem item, Exception error, DbConnection connection, DbTransaction transaction)
    {
        var kind = KindOf(item.FileName);
        var record = new InboundRecord
        {
            Channel = item.Channel,
            SourceName = item.SourceName,
            Kind = kind,
            ContentHash = InboundArchive.ContentHash(item.Bytes, null) + "-failed",
            ArchivePath = archive.Save(item.Bytes, kind == InputKind.Email ? ".eml" : Path.GetExtension(item.FileName!)),
            Size = item.Bytes.Length,
            ReceivedAt = DapperSetup.Format(item.ArrivedAt ?? clock.GetUtcNow()),
        };
        var failed = new Outcome(InboundOutcome.Failed, $"StpCollector could not process it: {error.GetType().Name}: {error.Message}");
        return await RecordOnceAsync(record, () => Task.FromResult(failed), connection, transaction);
    }

    /// <summary>Old Mac mail ends its lines with CR alone, which MIME parsers do not take for line ends: one header, no body.</summary>
    internal static byte[] WithLineFeeds(byte[] bytes) =>
        bytes.AsSpan().IndexOf((byte)'\n') < 0 && bytes.AsSpan().IndexOf((byte)'\r') >= 0
            ? System.Text.Encoding.Latin1.GetBytes(System.Text.Encoding.Latin1.GetString(bytes).Replace("\r", "\r\n", StringComparison.Ordinal))
            : bytes;

    private static InputKind KindOf(string? fileName) => fileName switch
    {
        null => InputKind.Email,
        _ when fileName.EndsWith(".eml", StringComparison.OrdinalIgnoreCase) => InputKind.Email,
        _ when Tabular.IsCsvName(fileName) => InputKind.Csv,
        _ when Tabular.IsXlsxName(fileName) => InputKind.Xlsx,
        _ => InputKind.Other,
    };

    private static (MimeMessage? Message, string? Problem) Parse(byte[] bytes)
    {
        if (bytes.AsSpan().Trim((byte)' ').Trim("\r\n\t"u8).IsEmpty)
            return (null, "the message is empty");
        if (TextDecoding.LooksBinary(bytes))
            return (null, "not an email message: the data is binary (NUL bytes in the first 8 KB)");
        bytes = WithLineFeeds(bytes);
        try
        {
            var message = MimeMessage.Load(new MemoryStream(bytes, writable: false));
            if (message.From.Count == 0 && message.MessageId is null && message.Body is null)
                return (null, "not an email message: no From, no Message-ID and no body could be read (malformed MIME)");
            if (message.From.Mailboxes.FirstOrDefault() is null)
                return (message, "the message has no From address, so it cannot be matched or answered");
            return (message, null);
        }
        catch (FormatException e)
        {
            return (null, $"malformed MIME: {e.Message}");
        }
    }
}

/// <summary>The outcome recorded on an inbound message. NoReceipt says why a stored return's receipt was not sent.</summary>
internal sealed record Outcome(InboundOutcome Name, string Reason, string? MatchMethod = null, long? RoundId = null, string? CouncilCode = null, int ReturnsStored = 0,
    string? NoReceipt = null)
{
    public static Outcome Rejected(string reason) => new(InboundOutcome.Rejected, reason);
    public static Outcome Held(string reason, ReplyMatch? match = null) =>
        new(InboundOutcome.Held, reason, match?.Method, match?.RoundId, match?.CouncilCode);
}
