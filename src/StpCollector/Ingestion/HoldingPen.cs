using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using MimeKit;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Ingestion;

/// <summary>What staff see of inbound messages, and what they can do with held ones: assign to a round and council, or discard.</summary>
internal sealed class HoldingPen(Database database, InboundArchive archive, IHeldMessageAssigner assigner, IOptions<IngestionOptions> options, TimeProvider clock)
{
    public sealed record Entry(long Id, string Channel, string Kind, string SourceName, string? MessageId, string? Sender, string? Subject,
        string ReceivedAt, string Outcome, string Reason, string? MatchMethod, long? RoundId, string? CouncilCode, long SeenAgain,
        string ArchivePath, string? ResolvedAt, string? ResolvedNote, string? SentAt);

    /// <summary>An answer of the return a message was stored as: what the council wrote, what was stored, and its comment.</summary>
    public sealed record StoredAnswer(long ReturnId, string QuestionId, string? Raw, string? Value, string Status, string? Problem, string? Comment);

    private const string Select = """
        SELECT id AS Id, channel AS Channel, kind AS Kind, source_name AS SourceName, message_id AS MessageId, sender AS Sender, subject AS Subject,
               received_at AS ReceivedAt, outcome AS Outcome, reason AS Reason, match_method AS MatchMethod, round_id AS RoundId,
               council_code AS CouncilCode, seen_again AS SeenAgain, archive_path AS ArchivePath, resolved_at AS ResolvedAt, resolved_note AS ResolvedNote,
               sent_at AS SentAt
        FROM inbound_messages
        """;

    /// <summary>Newest first; <paramref name="before"/> continues a long list after the last message already shown.</summary>
    public async Task<IReadOnlyList<Entry>> ListAsync(bool all, int limit, CancellationToken cancellationToken, long? before = null)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<Entry>(
            $"{Select} WHERE (@all = 1 OR outcome = @held) AND (@before IS NULL OR id < @before) ORDER BY id DESC LIMIT @limit",
            new { all, limit, before, held = InboundOutcome.Held.Text() })).ToList();
    }

    public async Task<Entry> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Entry>($"{Select} WHERE id = @id", new { id })
            ?? throw new NotFoundProblem($"There is no inbound message #{id}. See them with: stpcollector holding-pen list --all");
    }

    /// <summary>The answers of the returns stored from a message, so staff see what was read (and noted) beside the text.</summary>
    public async Task<IReadOnlyList<StoredAnswer>> StoredAnswersAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await assigner.StoredAnswersAsync(connection, id);
    }

    /// <summary>The returns stored from a message (after staff assigned it, say), oldest first.</summary>
    public async Task<IReadOnlyList<long>> StoredReturnsAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await assigner.StoredReturnsAsync(connection, id);
    }

    /// <summary>The message or file exactly as it arrived.</summary>
    public byte[] Raw(Entry entry) => archive.Read(entry.ArchivePath);

    public static bool IsEmail(Entry entry) => InputKinds.Parse(entry.Kind) == InputKind.Email;

    /// <summary>The text staff read to decide: the mail's body as StpCollector read it, or the file's first lines.</summary>
    public string Preview(Entry entry, int maxLines = 60)
    {
        var bytes = archive.Read(entry.ArchivePath);
        string text;
        if (InputKinds.Parse(entry.Kind) == InputKind.Email)
        {
            try
            {
                var message = MimeMessage.Load(new MemoryStream(InboundPipeline.WithLineFeeds(bytes)));
                var attachments = message.Attachments.Select(a => (a as MimePart)?.FileName ?? a.ContentType.MimeType).ToList();
                text = ReplyBodyReader.BodyText(message) + (attachments.Count > 0 ? $"\n[attachments: {string.Join(", ", attachments)}]" : "");
            }
            catch (FormatException e)
            {
                text = $"(cannot be read as a message: {e.Message})";
            }
        }
        else if (InputKinds.Parse(entry.Kind) == InputKind.Xlsx)
        {
            text = "(an Excel workbook; open the archived file to see it)";
        }
        else
        {
            text = Files.TextDecoding.LooksBinary(bytes) ? "(binary data)" : Files.TextDecoding.Decode(bytes, out _);
        }

        var lines = text.Replace("\r\n", "\n").Split('\n');
        return string.Join('\n', lines.Take(maxLines)) + (lines.Length > maxLines ? $"\n[... {lines.Length - maxLines} more lines]" : "");
    }

    /// <summary>
    /// Stores a held message for the round and council staff name (<see cref="IHeldMessageAssigner"/>); its receipt goes
    /// to the sender only if they may have it (<see cref="ReceiptRecipientRule"/>), or to <paramref name="receiptTo"/>.
    /// </summary>
    public async Task<Outcome> AssignAsync(long id, string roundKey, string councilKey, string? receiptTo, CancellationToken cancellationToken)
    {
        var entry = await GetAsync(id, cancellationToken);
        if (InboundOutcomes.Parse(entry.Outcome) != InboundOutcome.Held)
            throw new InvalidInputProblem($"Inbound message #{id} is not in the holding pen (its outcome is {entry.Outcome}).");
        if (receiptTo is not null && InputKinds.Parse(entry.Kind) != InputKind.Email)
            throw new InvalidInputProblem($"Inbound message #{id} is a {entry.Kind} file; receipts are sent only for email replies, so leave out --receipt-to.", field: "receipt-to");
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (DbTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var record = RecordOf(entry);
        var (outcome, assignedTo) = await assigner.AssignAsync(new HeldMessage(record, () => archive.Read(entry.ArchivePath)), roundKey, councilKey, receiptTo,
            options.Value.SendReceipts || receiptTo is not null, connection, transaction, cancellationToken);
        if (outcome.Name != InboundOutcome.Stored)
            throw new ConflictProblem($"Inbound message #{id} still cannot be stored: {outcome.Reason}");
        await record.FinishAsync(connection, transaction, outcome with
        {
            MatchMethod = "staff",
            Reason = outcome.NoReceipt is { } why ? $"{outcome.Reason}; no receipt sent: {why}" : outcome.Reason,
        });
        await Resolve(connection, transaction, id, $"assigned to {assignedTo}");
        await transaction.CommitAsync(cancellationToken);
        return outcome;
    }

    /// <summary>
    /// Hands a held message to a feature that stores it as something else (staff decide what it is, e.g. feedback on the
    /// bulletin): <paramref name="store"/> runs in the same transaction and says what the message became ("feedback #3"),
    /// and the message leaves the holding pen as handled by staff. A problem thrown by <paramref name="store"/> changes nothing.
    /// </summary>
    public async Task<string> TakeAsync(long id, Func<HeldMessage, DbConnection, DbTransaction, Task<string>> store, CancellationToken cancellationToken)
    {
        var entry = await GetAsync(id, cancellationToken);
        if (InboundOutcomes.Parse(entry.Outcome) != InboundOutcome.Held)
            throw new InvalidInputProblem($"Inbound message #{id} is not in the holding pen (its outcome is {entry.Outcome}).", field: "ID");
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (DbTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var record = RecordOf(entry);
        var became = await store(new HeldMessage(record, () => archive.Read(entry.ArchivePath)), connection, transaction);
        await record.FinishAsync(connection, transaction,
            new Outcome(InboundOutcome.Handled, $"{became}, taken by staff (was held: {entry.Reason})", "staff", entry.RoundId, entry.CouncilCode));
        await Resolve(connection, transaction, id, $"taken as {became}");
        await transaction.CommitAsync(cancellationToken);
        return became;
    }

    public async Task DiscardAsync(long id, string reason, CancellationToken cancellationToken)
    {
        var entry = await GetAsync(id, cancellationToken);
        if (InboundOutcomes.Parse(entry.Outcome) != InboundOutcome.Held)
            throw new InvalidInputProblem($"Inbound message #{id} is not in the holding pen (its outcome is {entry.Outcome}).");
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (DbTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync("UPDATE inbound_messages SET outcome = @discarded, reason = @reason WHERE id = @id",
            new { id, discarded = InboundOutcome.Discarded.Text(), reason = $"discarded by staff: {reason} (was held: {entry.Reason})" }, transaction);
        await Resolve(connection, transaction, id, "discarded: " + reason);
        await transaction.CommitAsync(cancellationToken);
    }

    private static InboundRecord RecordOf(Entry entry) => new()
    {
        Id = entry.Id, Channel = entry.Channel, SourceName = entry.SourceName, Kind = InputKinds.Parse(entry.Kind), MessageId = entry.MessageId,
        ContentHash = "", ArchivePath = entry.ArchivePath, Sender = entry.Sender, ReceivedAt = entry.ReceivedAt,
    };

    private Task Resolve(DbConnection connection, DbTransaction transaction, long id, string note) =>
        connection.ExecuteAsync("UPDATE inbound_messages SET resolved_at = @now, resolved_note = @note WHERE id = @id",
            new { id, note, now = DapperSetup.Format(clock.GetUtcNow()) }, transaction);
}
