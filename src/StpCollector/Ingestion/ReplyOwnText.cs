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
}
