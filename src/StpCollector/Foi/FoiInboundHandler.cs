using Dapper;
using MimeKit;
using StpCollector.Hosting;
using StpCollector.Ingestion;
using StpCollector.Mail;

namespace StpCollector.Foi;

/// <summary>
/// Replies and bounces on FoI requests. Clear acknowledgements, refusals and clarification requests change the
/// status; attachments are stored for staff (structured returns are parsed into answers); everything is on the timeline.
/// </summary>
public sealed class FoiInboundHandler(AppPaths paths, FoiReturnReader returns, TimeProvider clock) : IInboundHandler
{
    public char TokenKind => ReplyToken.Foi;

    public IReadOnlyCollection<string> OutboxKinds { get; } = ["foi_request", "foi_chaser"];

    public async Task<InboundHandling> HandleReplyAsync(InboundReply reply, CancellationToken cancellationToken)
    {
        var (connection, transaction) = (reply.Connection, reply.Transaction);
        var exists = await connection.ExecuteScalarAsync<string?>(
            "SELECT council_code FROM foi_requests WHERE id = @TargetId", new { reply.TargetId }, transaction);
        if (exists is null)
            return new InboundHandling("held", $"No FoI request {reply.TargetId}", Held: true);

        var now = clock.GetUtcNow();
        var text = reply.Message.TextBody ?? HtmlText(reply.Message.HtmlBody) ?? "";
        await FoiEvents.AddAsync(connection, transaction, reply.TargetId, now, "reply", $"From {reply.SenderAddress}: {reply.Message.Subject}");

        var documents = 0;
        var answered = 0;
        foreach (var attachment in reply.Message.Attachments.OfType<MimePart>())
        {
            var stored = await StoreAsync(reply, attachment, now, cancellationToken);
            documents++;
            var parsed = await returns.TryReadAsync(reply.TargetId, attachment, stored, connection, transaction, now, cancellationToken);
            answered += parsed;
        }

        var classification = FoiReplyClassifier.Classify(text);
        string status;
        string detail;
        if (answered > 0)
        {
            var required = await returns.RequiredQuestionsMissingAsync(reply.TargetId, connection, transaction);
            status = required == 0 ? FoiStatus.Answered : FoiStatus.Partial;
            detail = $"{answered} answer(s) read from the attached return" + (required > 0 ? $"; {required} required question(s) still unanswered" : "");
        }
        else if (classification is not null)
        {
            status = classification.Status;
            detail = classification.Reason;
        }
        else
        {
            await connection.ExecuteAsync("UPDATE foi_requests SET updated_at = @now WHERE id = @TargetId", new { now, reply.TargetId }, transaction);
            return new InboundHandling("foi_reply", $"Reply on {FoiReference.Of(reply.TargetId)} stored for staff to classify ({documents} attachment(s))");
        }

        await connection.ExecuteAsync(
            "UPDATE foi_requests SET status = @status, exemption = COALESCE(@exemption, exemption), updated_at = @now WHERE id = @TargetId",
            new { status, exemption = classification?.Exemption, now, reply.TargetId }, transaction);
        await FoiEvents.AddAsync(connection, transaction, reply.TargetId, now, status, detail);
        return new InboundHandling("foi_reply", $"{FoiReference.Of(reply.TargetId)}: {status.Replace('_', ' ')} ({detail})");
    }

    public Task HandleBounceAsync(InboundBounce bounce, CancellationToken cancellationToken)
    {
        var requestId = long.Parse(bounce.Topic!.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
        return FoiEvents.AddAsync(bounce.Connection, bounce.Transaction, requestId, clock.GetUtcNow(), "bounce",
            $"{(bounce.Permanent ? "Undeliverable" : "Delayed")} to {bounce.Recipient}: {bounce.Reason}");
    }

    private async Task<string> StoreAsync(InboundReply reply, MimePart attachment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(paths.DataDir, "foi", reply.TargetId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        var name = Path.GetFileName(attachment.FileName ?? "attachment.bin");
        var path = Path.Combine(folder, $"{reply.InboundId}-{name}");
        await using (var stream = File.Create(path))
            await (attachment.Content ?? throw new InvalidDataException("The attachment has no content.")).DecodeToAsync(stream, cancellationToken);
        await reply.Connection.ExecuteAsync("""
            INSERT INTO foi_documents (request_id, file_name, content_type, stored_path, received_at)
            VALUES (@TargetId, @name, @type, @path, @now)
            """, new { reply.TargetId, name, type = attachment.ContentType.MimeType, path, now }, reply.Transaction);
        return path;
    }

    private static string? HtmlText(string? html) =>
        html is null ? null : System.Text.RegularExpressions.Regex.Replace(System.Net.WebUtility.HtmlDecode(html), "<[^>]+>", " ");
}
