using System.Text.RegularExpressions;

namespace StpCollector.Ingestion;

/// <summary>
/// Recognises where quoted mail begins in a reply: "On … wrote:" lines, forwarded-message markers and Outlook's
/// "From: / Sent:" blocks. Each method returns the last line of the header it found at line i, or null.
/// </summary>
internal static partial class QuoteHeaders
{
    /// <summary>"On Mon, 2 Nov 2026 at 09:00, LGA &lt;stp@lga.test&gt; wrote:", possibly wrapped over up to three lines.</summary>
    public static int? ReplyHeaderAt(string[] lines, int i)
    {
        var line = lines[i].Trim();
        if (WroteLine().IsMatch(line) && !line.StartsWith('>'))
            return i;
        if (!line.StartsWith("On ", StringComparison.Ordinal))
            return null;
        for (var j = i + 1; j < Math.Min(lines.Length, i + 3); j++)
            if (lines[j].TrimEnd().EndsWith("wrote:", StringComparison.Ordinal))
                return j;
        return null;
    }

    public static int? ForwardHeaderAt(string[] lines, int i)
    {
        var line = lines[i].Trim();
        if (!ForwardMarker().IsMatch(line))
            return null;
        return SkipHeaderFields(lines, i + 1);
    }

    /// <summary>Outlook's quote: "-----Original Message-----", a long underscore rule, or "From:" with "Sent:" just after.</summary>
    public static int? OutlookHeaderAt(string[] lines, int i)
    {
        var line = lines[i].Trim();
        if (OriginalMessage().IsMatch(line) || UnderscoreRule().IsMatch(line))
            return SkipHeaderFields(lines, i + 1);
        if (!line.StartsWith("From:", StringComparison.OrdinalIgnoreCase))
            return null;
        for (var j = i + 1; j < Math.Min(lines.Length, i + 4); j++)
            if (lines[j].TrimStart().StartsWith("Sent:", StringComparison.OrdinalIgnoreCase) || lines[j].TrimStart().StartsWith("Date:", StringComparison.OrdinalIgnoreCase))
                return SkipHeaderFields(lines, i);
        return null;
    }

    /// <summary>The last line of a "From: / Sent: / To: / Subject:" block starting at or after <paramref name="i"/>.</summary>
    private static int SkipHeaderFields(string[] lines, int i)
    {
        var last = i - 1;
        for (var j = i; j < lines.Length; j++)
        {
            var trimmed = lines[j].Trim();
            if (trimmed.Length == 0 && last < i)
                continue;
            if (!HeaderField().IsMatch(trimmed))
                break;
            last = j;
        }

        return last;
    }

    [GeneratedRegex(@"^On\s.+\swrote:$")]
    private static partial Regex WroteLine();

    [GeneratedRegex(@"^-{2,}\s*Forwarded message\s*-{2,}$|^Begin forwarded message:$|^-{2,}\s*Forwarded by", RegexOptions.IgnoreCase)]
    private static partial Regex ForwardMarker();

    [GeneratedRegex(@"^-{3,}\s*Original Message\s*-{3,}$", RegexOptions.IgnoreCase)]
    private static partial Regex OriginalMessage();

    [GeneratedRegex(@"^_{20,}$")]
    private static partial Regex UnderscoreRule();

    [GeneratedRegex(@"^(?:From|Sent|Date|To|Cc|Subject|Reply-To|Importance):\s", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderField();
}
