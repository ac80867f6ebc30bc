using System.Data.Common;
using Microsoft.Extensions.Options;
using MimeKit;
using StpCollector.Mail;
using StpCollector.Outbox;
using StpCollector.Storage;

namespace StpCollector.Ingestion;

/// <summary>An email's way through triage and matching to the feature's handler that owns it (or the holding pen).</summary>
internal sealed class MailProcessor(
    ReplyMatcher matcher,
    BounceRecorder bounces,
    IOptions<MailOptions> mailOptions)
{
    public async Task<Outcome> ProcessAsync(InboundRecord record, MimeMessage message, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var mail = mailOptions.Value;
        var (kind, reason) = InboundTriage.Classify(message, mail.FromAddress, mail.ReplyLocalPart, mail.ReplyDomain);
        if (kind == TriageKind.Reply && record.MessageId is not null && await SentMessages.IsOursAsync(record.MessageId, connection, transaction))
            (kind, reason) = (TriageKind.Loop, "it carries the Message-ID of a message we sent: a mail loop, dropped");
        switch (kind)
        {
            case TriageKind.Loop:
                return new Outcome(InboundOutcome.Loop, reason);
            case TriageKind.AutoReply:
                return new Outcome(InboundOutcome.AutoReply, $"{reason}; recorded and ignored");
            case TriageKind.Bounce:
                return new Outcome(InboundOutcome.Bounce, await bounces.RecordAsync(record.Id, message, connection, transaction, cancellationToken));
        }

        var sender = record.Sender!;
        var match = await matcher.MatchAsync(message, sender, connection, transaction, mail.ReplyLocalPart, mail.ReplyDomain);
        // Forwarded as an attachment: the officer's reply inside carries the token and thread headers. A token that fails
        // verification on the outer message is never overridden.
        foreach (var (attached, _) in match.Matched || match.Method == "token" ? [] : AttachedMessages.Within(message, ""))
        {
            var inner = await matcher.MatchAsync(attached, attached.From.Mailboxes.FirstOrDefault()?.Address ?? sender, connection, transaction, mail.ReplyLocalPart, mail.ReplyDomain);
            if (inner.Matched)
            {
                match = inner;
                break;
            }
        }

        if (!match.Matched)
            return Outcome.Held(match.Problem ?? "not matched", match);
        var handling = await match.Handler!.HandleReplyAsync(
            new InboundReply(record.Id, message, sender, match.TargetId, match.CouncilCode, connection, transaction, DapperSetup.ParseTimestamp(record.ReceivedAt), match.Method),
            cancellationToken);
        return handling.Recorded
               ?? new Outcome(handling.Held ? InboundOutcome.Held : InboundOutcome.Handled, $"{handling.Outcome}: {handling.Detail}", match.Method, CouncilCode: match.CouncilCode);
    }
}
