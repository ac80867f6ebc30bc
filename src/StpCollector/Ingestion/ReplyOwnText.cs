using MimeKit;

namespace StpCollector.Ingestion;

internal static partial class ReplyBodyReader
{
    /// <summary>
    /// What the sender wrote above the quoted message ("On … wrote:", an Outlook header block, a forward marker),
    /// without "&gt;" lines: for recognising the wording of a reply without being misled by the text it quotes.
    /// </summary>
    public static string OwnText(MimeMessage message)
    {
        var lines = BodyText(message).Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var own = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (QuoteHeaders.ReplyHeaderAt(lines, i) is not null || QuoteHeaders.OutlookHeaderAt(lines, i) is not null || QuoteHeaders.ForwardHeaderAt(lines, i) is not null)
                break;
            if (!QuotePrefix().IsMatch(lines[i]))
                own.Add(lines[i]);
        }

        return string.Join('\n', own);
    }

    /// <summary>
    /// The person's own words in a reply, as people read them back: <see cref="OwnText"/> up to their signature ("-- ",
    /// "Sent from my ...") and without a closing sign-off ("Kind regards," and the name under it); trimmed.
    /// </summary>
    public static string OwnWords(MimeMessage message)
    {
        var lines = OwnText(message).Split('\n').Select(l => l.TrimEnd()).ToList();
        var signature = lines.FindIndex(l => SignatureDelimiter().IsMatch(l.Trim()));
        if (signature >= 0)
            lines = lines[..signature];
        // Only near the end: "Thanks," may also open a message.
        var signOff = lines.FindLastIndex(l => SignOff().IsMatch(l.Trim()));
        if (signOff > 0 && lines.Count - signOff <= 6)
            lines = lines[..signOff];
        return string.Join('\n', lines).Trim();
    }
}
