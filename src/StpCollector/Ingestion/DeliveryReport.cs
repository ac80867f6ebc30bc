using System.Text.RegularExpressions;
using MimeKit;

namespace StpCollector.Ingestion;

/// <summary>What a bounce says: which of our messages failed, for which recipients, why, and whether for good.</summary>
internal sealed partial record DeliveryReport(string? OriginalMessageId, IReadOnlyList<DeliveryReport.Failure> Failures)
{
    public sealed record Failure(string Recipient, string? Status, string Reason, bool Permanent);

    public static DeliveryReport Parse(MimeMessage message)
    {
        string? original = null;
        var failures = new List<Failure>();
        foreach (var part in message.BodyParts)
        {
            switch (part)
            {
                case MessageDeliveryStatus status:
                    foreach (var group in status.StatusGroups.Skip(1))
                        if (ToFailure(group) is { } failure)
                            failures.Add(failure);
                    break;
                case MessagePart { Message: { } embedded }:
                    original ??= embedded.MessageId;
                    break;
                case TextPart text when text.ContentType.IsMimeType("text", "rfc822-headers"):
                    original ??= MessageIdLine().Match(text.Text ?? "") is { Success: true } m ? m.Groups["id"].Value : null;
                    break;
            }
        }

        if (original is null)
        {
            // Non-standard bounces quote the original headers as text.
            var match = MessageIdLine().Match(ReplyBodyReader.BodyText(message));
            if (match.Success)
                original = match.Groups["id"].Value;
        }

        if (failures.Count == 0)
        {
            var text = ReplyBodyReader.BodyText(message);
            var recipient = AddressInAngle().Match(text);
            var diagnostic = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => SmtpReply().IsMatch(l));
            var code = diagnostic is null ? null : SmtpReply().Match(diagnostic).Groups["code"].Value;
            if (recipient.Success)
                failures.Add(new Failure(recipient.Groups["a"].Value, null, diagnostic ?? message.Subject ?? "delivery failed", code is null || code.StartsWith('5')));
        }

        return new DeliveryReport(original?.Trim('<', '>', ' '), failures);
    }

    private static Failure? ToFailure(HeaderList group)
    {
        var recipient = Value(group["Final-Recipient"]) ?? Value(group["Original-Recipient"]);
        if (recipient is null)
            return null;
        var action = group["Action"]?.Trim().ToLowerInvariant() ?? "failed";
        if (action is "delivered" or "relayed" or "expanded")
            return null;
        var status = group["Status"]?.Trim();
        var diagnostic = Value(group["Diagnostic-Code"]);
        var permanent = action == "failed" || status?.StartsWith('5') == true;
        var reason = diagnostic ?? (status is null ? action : $"status {status} ({action})");
        return new Failure(recipient, status, reason, permanent);
    }

    /// <summary>"rfc822; someone@example.org" → "someone@example.org".</summary>
    private static string? Value(string? field)
    {
        if (string.IsNullOrWhiteSpace(field))
            return null;
        var semicolon = field.IndexOf(';');
        return Regex.Replace(semicolon >= 0 ? field[(semicolon + 1)..] : field, @"\s+", " ").Trim();
    }

    [GeneratedRegex(@"^\s*Message-ID:\s*<?(?<id>[^>\s]+)>?", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex MessageIdLine();

    [GeneratedRegex(@"<(?<a>[^<>@\s]+@[^<>\s]+)>")]
    private static partial Regex AddressInAngle();

    [GeneratedRegex(@"(?<![\d.])(?<code>[45]\d\d)[ \-][45]\.\d{1,3}\.\d{1,3}\b|^(?<code>[45]\d\d)[ \-]")]
    private static partial Regex SmtpReply();
}
