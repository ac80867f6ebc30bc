using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace StpCollector.Ingestion;

/// <summary>
/// Plain text from an HTML-only mail, good enough to find answers in: blocks become lines, and text inside
/// &lt;blockquote&gt; (how Gmail and Apple Mail quote) gets "&gt; " prefixes so it is treated as quoted. Inside
/// &lt;pre&gt; (where our mail puts its reply form) each line stays a line.
/// </summary>
internal static partial class HtmlText
{
    public static string ToText(string html)
    {
        html = Invisible().Replace(html, "");
        var output = new StringBuilder(html.Length);
        var line = new StringBuilder();
        var depth = 0;
        var pre = 0;
        var position = 0;
        foreach (Match tag in Tag().Matches(html))
        {
            Append(position, tag.Index - position);
            position = tag.Index + tag.Length;
            var name = tag.Groups["name"].Value.ToLowerInvariant();
            var closing = tag.Groups["close"].Success;
            if (name == "pre")
                pre = Math.Max(0, pre + (closing ? -1 : 1));
            if (name == "blockquote")
            {
                Flush();
                depth = Math.Max(0, depth + (closing ? -1 : 1));
            }
            else if (name is "br" || (BlockElements.Contains(name) && (closing || name is "p" or "div" or "tr" or "li" or "hr")))
            {
                Flush();
            }
            else if (name is "td" or "th" && closing)
            {
                line.Append(' ');
            }
        }

        Append(position, html.Length - position);
        Flush();
        return output.ToString();

        void Append(int start, int length)
        {
            if (pre == 0)
            {
                line.Append(html, start, length);
                return;
            }

            for (var newline = html.IndexOf('\n', start, length); newline >= 0; newline = html.IndexOf('\n', start, length))
            {
                line.Append(html, start, newline - start);
                Flush();
                length -= newline + 1 - start;
                start = newline + 1;
            }

            line.Append(html, start, length);
        }

        void Flush()
        {
            var text = Spaces().Replace(WebUtility.HtmlDecode(line.ToString()).Replace('\u00A0', ' '), " ").Trim();
            line.Clear();
            if (text.Length == 0)
            {
                // Keep paragraph breaks (one blank line), which end multi-line answers.
                if (output.Length > 0 && !output.ToString(Math.Max(0, output.Length - 2), Math.Min(2, output.Length)).Equals("\n\n", StringComparison.Ordinal))
                    output.Append('\n');
                return;
            }

            output.Append(depth > 0 ? string.Concat(Enumerable.Repeat("> ", depth)) : "").Append(text).Append('\n');
        }
    }

    private static readonly HashSet<string> BlockElements =
        ["p", "div", "tr", "li", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "pre", "section", "article", "header", "footer"];

    [GeneratedRegex(@"<(?<close>/)?(?<name>[a-zA-Z][a-zA-Z0-9]*)\b[^>]*>", RegexOptions.Singleline)]
    private static partial Regex Tag();

    [GeneratedRegex(@"<!--.*?-->|<(head|style|script|title)\b.*?</\1\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Invisible();

    [GeneratedRegex(@"[ \t\r\n]+")]
    private static partial Regex Spaces();
}
