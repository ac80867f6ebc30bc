using System.Globalization;
using Dapper;
using MimeKit;
using StpCollector.Ingestion;
using StpCollector.Questionnaires;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Foi;

/// <summary>
/// Keeps every document attached to a reply on an FoI request (under DATA/foi/ID and in foi_documents), and reads the
/// spreadsheets among them into checked answers. Letters, PDFs and scans stay for staff to code.
/// </summary>
internal sealed class FoiReplyDocuments(AppPaths paths, FoiReturnReader reader, SharedFiles shared)
{
    /// <summary>Answers counts the answers recorded (valid or invalid); Details says, per spreadsheet, what was read.</summary>
    public sealed record Intake(int Documents, int Answers, IReadOnlyList<string> Details);

    public async Task<Intake> TakeAsync(InboundReply reply, string councilCode, Questionnaire? questionnaire, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var documents = 0;
        var answers = 0;
        var details = new List<string>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in Attachments(reply.Message))
        {
            var name = Path.GetFileName(part.FileName ?? "") is { Length: > 0 } given ? given : "attachment.bin";
            var (documentId, open, size) = await StoreAsync(reply, part, name, names, now, cancellationToken);
            documents++;
            if (questionnaire is null)
                continue;
            var result = await reader.ReadAsync(reply.TargetId, councilCode, questionnaire, name, open, size, reply.Connection, reply.Transaction);
            if (result is null)
                continue;
            var note = result.Note;
            if (result.Return is { } checkedReturn)
            {
                var recorded = await FoiAnswerStore.RecordAllAsync(reply.Connection, reply.Transaction, reply.TargetId, checkedReturn, result.Source, documentId, now);
                answers += recorded;
                note = FoiReturnReader.Describe(recorded, checkedReturn, result.Note);
            }

            await reply.Connection.ExecuteAsync("UPDATE foi_documents SET parsed = @parsed, note = @note WHERE id = @documentId",
                new { parsed = result.Return is not null, note, documentId }, reply.Transaction);
            details.Add(result.Return is null ? $"{name} not read: {note}" : note);
        }

        return new Intake(documents, answers, details);
    }

    /// <summary>Named parts and anything marked as an attachment; inline images are logos and signatures, not documents.</summary>
    private static IEnumerable<MimePart> Attachments(MimeMessage message) =>
        message.BodyParts.OfType<MimePart>().Where(p =>
            (p.IsAttachment || !string.IsNullOrWhiteSpace(p.FileName))
            && !(p.ContentType.MediaType.Equals("image", StringComparison.OrdinalIgnoreCase) && !p.IsAttachment));

    private async Task<(long Id, Func<Stream> Open, long Size)> StoreAsync(InboundReply reply, MimePart part, string name, HashSet<string> names, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var content = part.Content ?? throw new InvalidDataException($"The attachment {name} has no content.");
        var relativeFolder = Path.Combine("foi", reply.TargetId.ToString(CultureInfo.InvariantCulture));
        // Named by message (and position, for a repeated name), so processing the same message again rewrites the same file.
        var fileName = names.Add(name) ? $"{reply.InboundId}-{name}" : $"{reply.InboundId}-{names.Count}-{name}";
        string path;
        Func<Stream> open;
        long size;
        if (shared.InDatabase)
        {
            // Every worker reads it from the database, in the same transaction as the reply it came with.
            using var decoded = new MemoryStream();
            await content.DecodeToAsync(decoded, cancellationToken);
            var bytes = decoded.ToArray();
            path = Path.Combine(relativeFolder, fileName);
            await shared.StoreAsync(reply.Connection, reply.Transaction, path, bytes);
            (open, size) = (() => new MemoryStream(bytes, writable: false), bytes.Length);
        }
        else
        {
            var folder = Path.Combine(paths.DataDir, relativeFolder);
            Directory.CreateDirectory(folder);
            path = Path.Combine(folder, fileName);
            await using (var stream = File.Create(path))
                await content.DecodeToAsync(stream, cancellationToken);
            var file = path;
            (open, size) = (() => File.OpenRead(file), new FileInfo(file).Length);
        }

        var id = await reply.Connection.ExecuteScalarAsync<long>("""
            INSERT INTO foi_documents (request_id, file_name, content_type, stored_path, received_at)
            VALUES (@TargetId, @name, @type, @path, @now) RETURNING id
            """, new { reply.TargetId, name, type = part.ContentType.MimeType, path, now }, reply.Transaction);
        return (id, open, size);
    }
}
