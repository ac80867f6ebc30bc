using System.Text.RegularExpressions;
using MimeKit;

namespace StpCollector.Ingestion;

internal enum TriageKind { Reply, AutoReply, Bounce, Loop }

/// <summary>Sorts mail before matching: out-of-office and other automatic replies, delivery failure reports, and our own mail.</summary>
internal static partial class InboundTriage
{
    public static (TriageKind Kind, string Reason) Classify(MimeMessage message, string ourFromAddress, string replyLocalPart, string replyDomain)
    {
        var from = message.From.Mailboxes.FirstOrDefault()?.Address ?? "";
        if (IsDeliveryReport(message, from))
            return (TriageKind.Bounce, "delivery status notification");
        if (from.Length > 0 && (from.Equals(ourFromAddress, StringComparison.OrdinalIgnoreCase) || IsReplyAddress(from, replyLocalPart, replyDomain)))
            return (TriageKind.Loop, $"sent from our own address {from}: a mail loop, dropped");
        var headers = message.Headers;
        if (headers[HeaderId.AutoSubmitted] is { } autoSubmitted && !autoSubmitted.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase))
            return (TriageKind.AutoReply, $"automatic reply (Auto-Submitted: {autoSubmitted.Trim()})");
        if (headers.Contains("X-Autoreply") || headers.Contains("X-Autorespond"))
            return (TriageKind.AutoReply, "automatic reply (X-Autoreply/X-Autorespond header)");
        if (headers[HeaderId.Precedence] is { } precedence && precedence.Trim().ToLowerInvariant() is "auto_reply" or "auto-reply")
            return (TriageKind.AutoReply, "automatic reply (Precedence: auto_reply)");
        if (OutOfOfficeSubject().IsMatch(message.Subject ?? ""))
            return (TriageKind.AutoReply, $"automatic reply (subject \"{message.Subject}\")");
        return (TriageKind.Reply, "");
    }

    private static bool IsDeliveryReport(MimeMessage message, string from)
    {
        if (message.Body is MultipartReport report && report.ReportType?.Contains("delivery-status", StringComparison.OrdinalIgnoreCase) == true)
            return true;
        if (message.BodyParts.Any(p => p.ContentType.IsMimeType("message", "delivery-status") || p.ContentType.IsMimeType("message", "global-delivery-status")))
            return true;
        var local = from.Split('@')[0];
        return (local.Equals("MAILER-DAEMON", StringComparison.OrdinalIgnoreCase) || local.Equals("postmaster", StringComparison.OrdinalIgnoreCase))
               && BounceSubject().IsMatch(message.Subject ?? "");
    }

    private static bool IsReplyAddress(string address, string localPart, string domain)
    {
        var at = address.LastIndexOf('@');
        if (at < 0 || !address[(at + 1)..].Equals(domain, StringComparison.OrdinalIgnoreCase))
            return false;
        var local = address[..at];
        return local.Equals(localPart, StringComparison.OrdinalIgnoreCase) || local.StartsWith(localPart + "+", StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"^\s*(?:(?:Re|AW|Fwd?)\s*:\s*)*(?:Out of (?:the )?office|Automatic reply|Auto(?:matic)?[- ]?(?:reply|response)|Autoreply|Away from (?:the )?office|Absence|On (?:annual )?leave|Annual leave|Abwesenheit|Automatische Antwort)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OutOfOfficeSubject();

    [GeneratedRegex(@"undeliver|delivery status|returned mail|failure notice|mail delivery failed|delivery failure|could not be delivered", RegexOptions.IgnoreCase)]
    private static partial Regex BounceSubject();
}
