using Dapper;
using MimeKit;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Ingestion;

/// <summary>One part of an archived message a person may download: a file the council attached, or a message it forwarded.</summary>
internal sealed record ArchivedAttachment(int Index, string FileName, string ContentType, long Size);

/// <summary>
/// An inbound message or file as kept in the archive, for staff to read: its headers, its body as text (HTML reduced to
/// text, never shown as markup), its attachments, and the raw bytes. All of it came from outside: it is data to show.
/// </summary>
internal sealed record ArchivedMessage(long Id, string Kind, string SourceName, string? Sender, string? Subject, DateTimeOffset ReceivedAt,
    string? To, string? Date, string BodyText, IReadOnlyList<ArchivedAttachment> Attachments)
{
    public bool IsEmail => Kind == "email";

    /// <summary>The original file's name, reduced to characters safe in a download's name.</summary>
    public string FileName => ArchivedMessages.SafeFileName(Path.GetFileName(SourceName), IsEmail ? $"message-{Id}.eml" : $"file-{Id}");
}

internal sealed class ArchivedMessages(Database database, InboundArchive archive)
{
    private sealed record Row(long Id, string Kind, string SourceName, string? Sender, string? Subject, DateTimeOffset ReceivedAt, string ArchivePath);

    public async Task<ArchivedMessage> ReadAsync(long inboundId, CancellationToken cancellationToken)
    {
        var (row, bytes) = await LoadAsync(inboundId, cancellationToken);
        if (row.Kind != "email")
        {
            var text = Files.TextDecoding.LooksBinary(bytes) ? "(a binary file, such as an Excel workbook: download it to open it)" : Files.TextDecoding.Decode(bytes, out _);
            return new ArchivedMessage(row.Id, row.Kind, row.SourceName, row.Sender, row.Subject, row.ReceivedAt, null, null, text, []);
        }

        try
        {
            var message = Parse(bytes);
            var attachments = message.Attachments.Select((part, index) => new ArchivedAttachment(index, NameOf(part, index), part.ContentType.MimeType, Decode(part).LongLength)).ToList();
            return new ArchivedMessage(row.Id, row.Kind, row.SourceName, row.Sender, row.Subject, row.ReceivedAt,
                message.To.ToString(), message.Headers[HeaderId.Date], ReplyBodyReader.BodyText(message), attachments);
        }
        catch (FormatException e)
        {
            return new ArchivedMessage(row.Id, row.Kind, row.SourceName, row.Sender, row.Subject, row.ReceivedAt, null, null,
                $"(cannot be read as a message: {e.Message})", []);
        }
    }

    /// <summary>The bytes exactly as they arrived (an .eml for mail), with the name to download them under.</summary>
    public async Task<(byte[] Bytes, string FileName, bool IsEmail)> RawAsync(long inboundId, CancellationToken cancellationToken)
    {
        var (row, bytes) = await LoadAsync(inboundId, cancellationToken);
        var isEmail = row.Kind == "email";
        return (bytes, SafeFileName(Path.GetFileName(row.SourceName), isEmail ? $"message-{row.Id}.eml" : $"file-{row.Id}", isEmail ? ".eml" : null), isEmail);
    }

    /// <summary>One attachment's decoded bytes (a forwarded message as its .eml); a not-found problem when there is no such attachment.</summary>
    public async Task<(byte[] Bytes, string FileName)> AttachmentAsync(long inboundId, int index, CancellationToken cancellationToken)
    {
        var (row, bytes) = await LoadAsync(inboundId, cancellationToken);
        var missing = new NotFoundProblem($"Inbound message #{inboundId} has no attachment {index}.");
        if (row.Kind != "email" || index < 0)
            throw missing;
        MimeMessage message;
        try
        {
            message = Parse(bytes);
        }
        catch (FormatException)
        {
            throw missing;
        }

        var part = message.Attachments.ElementAtOrDefault(index) ?? throw missing;
        return (Decode(part), NameOf(part, index));
    }

    /// <summary>Letters, digits, dot, dash and underscore only; never empty, never a path.</summary>
    public static string SafeFileName(string? name, string fallback, string? extension = null)
    {
        var safe = new string((name ?? "").Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray()).Trim('.', '_');
        if (safe.Length == 0)
            safe = fallback;
        if (safe.Length > 100)
            safe = safe[..100];
        return extension is not null && !safe.EndsWith(extension, StringComparison.OrdinalIgnoreCase) ? safe + extension : safe;
    }

    private static MimeMessage Parse(byte[] bytes) => MimeMessage.Load(new MemoryStream(InboundPipeline.WithLineFeeds(bytes)));

    private static string NameOf(MimeEntity part, int index) => part switch
    {
        MimePart file => SafeFileName(file.FileName, $"attachment-{index + 1}"),
        MessagePart forwarded => SafeFileName(forwarded.Message?.Subject, $"attached-message-{index + 1}", ".eml"),
        _ => $"attachment-{index + 1}",
    };

    private static byte[] Decode(MimeEntity part)
    {
        using var buffer = new MemoryStream();
        switch (part)
        {
            case MimePart file:
                file.Content?.DecodeTo(buffer);
                break;
            case MessagePart forwarded:
                forwarded.Message?.WriteTo(buffer);
                break;
        }

        return buffer.ToArray();
    }

    private async Task<(Row Row, byte[] Bytes)> LoadAsync(long inboundId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>("""
            SELECT id AS Id, kind AS Kind, source_name AS SourceName, sender AS Sender, subject AS Subject, received_at AS ReceivedAt, archive_path AS ArchivePath
            FROM inbound_messages WHERE id = @inboundId
            """, new { inboundId }) ?? throw new NotFoundProblem($"There is no inbound message #{inboundId}.");
        return (row, archive.Read(row.ArchivePath));
    }
}
