using MimeKit;

namespace StpCollector.Ingestion;

/// <summary>
/// A stored message as staff read it in the console: its headers and its text. A message with only an HTML body is
/// turned into text (<see cref="HtmlText"/>), never shown as HTML; attachments are named, not opened.
/// </summary>
internal sealed record ReadableMessage(string? From, string? To, string? Subject, DateTimeOffset? Date, string Body, bool BodyFromHtml,
    IReadOnlyList<string> Attachments, IReadOnlyList<(string Name, string Value)> Headers)
{
    /// <summary>The message, or null when the bytes are not a message at all (a file that came in through the drop folder).</summary>
    public static ReadableMessage? Read(byte[] bytes)
    {
        MimeMessage message;
        try
        {
            message = MimeMessage.Load(new MemoryStream(InboundPipeline.WithLineFeeds(bytes)));
        }
        catch (FormatException)
        {
            return null;
        }

        var fromHtml = message.TextBody is not { Length: > 0 } && message.HtmlBody is { Length: > 0 };
        var attachments = message.Attachments.Select(a => (a as MimePart)?.FileName ?? a.ContentType.MimeType).ToList();
        return new ReadableMessage(
            Shown(message.From), Shown(message.To), message.Subject, message.Headers.Contains(HeaderId.Date) ? message.Date : null,
            ReplyBodyReader.BodyText(message), fromHtml, attachments,
            message.Headers.Select(h => (h.Field, h.Value.Trim())).ToList());
    }

    private static string? Shown(InternetAddressList addresses) => addresses.Count == 0 ? null : addresses.ToString();
}
