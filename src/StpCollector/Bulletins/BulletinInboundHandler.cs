using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StpCollector.Contacts;
using StpCollector.Ingestion;
using StpCollector.Mail;
using StpCollector.Outbox;
using StpCollector.Storage;

namespace StpCollector.Bulletins;

/// <summary>
/// Replies and bounces for the bulletin. A reply whose subject or first line is "unsubscribe" (to the subscriber's
/// signed address, or to a bulletin from the subscriber's own address) unsubscribes them; any other reply from a
/// subscriber is their feedback, recorded with their own words (what they quoted and their signature left out). A
/// reply from someone who is not a subscriber, or one with nothing written above the quote, is held for staff. A hard bounce counts once per bulletin, and after Bulletins:SuspendAfterHardBounces the subscriber is suspended.
/// </summary>
internal sealed partial class BulletinInboundHandler(
    ReplyTokens tokens, FeedbackThemes themes, FeedbackMessages messages, OutboxWriter outbox, TimeProvider clock, IOptions<BulletinOptions> options,
    ILogger<BulletinInboundHandler> logger)
    : IInboundHandler
{
    public char TokenKind => ReplyToken.Subscriber;

    public IReadOnlyCollection<string> OutboxKinds { get; } = [BulletinPublisher.OutboxKind, FeedbackMessages.AcknowledgementKind, FeedbackMessages.NoticeKind];

    /// <summary>A reply to the bulletin names it; a reply to a note about feedback is the sender's, on no bulletin in particular.</summary>
    public Task<InboundClaim?> ClaimThreadAsync(OutboxReference sent, InboundLookup lookup) =>
        Task.FromResult<InboundClaim?>(new InboundClaim(sent.Kind == BulletinPublisher.OutboxKind ? sent.Topic?.Id ?? 0 : 0, sent.CouncilCode));

    /// <summary>Mail to Bulletins:FeedbackAddress is feedback (from a subscriber) or held for staff (from anyone else).</summary>
    public Task<InboundClaim?> ClaimByRecipientAsync(IReadOnlyList<string> recipients, string sender, InboundLookup lookup) =>
        Task.FromResult<InboundClaim?>(options.Value.FeedbackAddress is { Length: > 0 } address
                                       && recipients.Any(r => r.Equals(address, StringComparison.OrdinalIgnoreCase))
            ? new InboundClaim(0, null)
            : null);

    public async Task<InboundHandling> HandleReplyAsync(InboundReply reply, CancellationToken cancellationToken)
    {
        // Through the token the target is the subscriber; through a bulletin's Message-ID it is the bulletin, so use the sender.
        var subscriber = await SubscriberStore.FindAsync(reply.Connection, reply.Transaction, reply.TargetId) is { } byToken
                         && IsTokenReply(reply)
            ? byToken
            : await SubscriberStore.FindAsync(reply.Connection, reply.Transaction, reply.SenderAddress);
        if (subscriber is null)
            return new InboundHandling("bulletin_reply_unknown",
                $"{(reply.Method == "recipient" ? "Mail to the bulletin's feedback address" : "A reply about the bulletin")} from {reply.SenderAddress}, who is not a subscriber; if it is feedback: stpcollector feedback take {reply.InboundId}",
                Held: true);
        if (!AsksToUnsubscribe(reply.Message))
            return await RecordFeedbackAsync(reply, subscriber);

        var changed = await SubscriberStore.SetStatusAsync(reply.Connection, reply.Transaction, subscriber.Id, SubscriberStore.Unsubscribed,
            $"asked by email from {reply.SenderAddress}", clock.GetUtcNow());
        logger.LogInformation("Subscriber {Email} unsubscribed by reply", subscriber.Email);
        return new InboundHandling("unsubscribed",
            changed > 0 ? $"{subscriber.Email} unsubscribed from the bulletin." : $"{subscriber.Email} was already {subscriber.Status}.");
    }

    private async Task<InboundHandling> RecordFeedbackAsync(InboundReply reply, Subscriber subscriber)
    {
        var words = ReplyBodyReader.OwnWords(reply.Message);
        if (words.Length == 0)
            return new InboundHandling("bulletin_reply", $"A reply to the bulletin from {subscriber.Email} with nothing written above what it quotes; if it is feedback: stpcollector feedback take {reply.InboundId}", Held: true);
        var bulletinId = await FeedbackOrigin.BulletinAsync(reply, IsTokenReply(reply), subscriber.Email);
        var council = await FeedbackOrigin.CouncilAsync(reply.SenderAddress, reply.Connection, reply.Transaction);
        var id = await FeedbackStore.RecordAsync(reply.Connection, reply.Transaction, new FeedbackStore.NewFeedback(
            subscriber.Id, EmailAddress.Normalise(reply.SenderAddress), council, bulletinId, reply.InboundId, reply.Message.Subject ?? "", words,
            reply.ReceivedAt ?? clock.GetUtcNow(), await FaqQuotes.QuotedAsync(reply.Message, words, reply.Connection, reply.Transaction)), clock.GetUtcNow());
        await themes.TagAutomaticallyAsync(reply.Connection, reply.Transaction, id, words);
        if (options.Value.AcknowledgeFeedback)
            await outbox.EnqueueAsync(reply.Connection, reply.Transaction, messages.Acknowledgement(id, subscriber, reply.Message));
        logger.LogInformation("Feedback #{Id} from subscriber {Email} recorded", id, subscriber.Email);
        return new InboundHandling("feedback", $"#{id} from {subscriber.Email}" + (bulletinId is { } b ? $" on bulletin {b}." : "."));
    }

    public async Task HandleBounceAsync(InboundBounce bounce, CancellationToken cancellationToken)
    {
        var subscriber = await SubscriberStore.FindAsync(bounce.Connection, bounce.Transaction, bounce.Recipient);
        if (subscriber is null)
            return;
        var now = DapperSetup.Format(clock.GetUtcNow());
        var counted = await bounce.Connection.ExecuteAsync($"""
            UPDATE subscribers
            SET {(bounce.Permanent ? "hard_bounces = hard_bounces + 1" : "soft_bounces = soft_bounces + 1")},
                last_bounce_topic = @Topic, last_bounce_at = @now, last_bounce_reason = @Reason, updated_at = @now
            WHERE id = @Id AND (last_bounce_topic IS NULL OR @Topic IS NULL OR last_bounce_topic <> @Topic)
            """, new { subscriber.Id, bounce.Topic, bounce.Reason, now }, bounce.Transaction);
        if (counted == 0 || !bounce.Permanent)
            return;
        var hard = subscriber.HardBounces + 1;
        var limit = options.Value.SuspendAfterHardBounces;
        if (hard >= limit && await SubscriberStore.SetStatusAsync(bounce.Connection, bounce.Transaction, subscriber.Id, SubscriberStore.Suspended,
                $"{hard} bulletins bounced permanently; last: {bounce.Reason}", clock.GetUtcNow()) > 0)
            logger.LogWarning("Subscriber {Email} suspended after {Count} hard bounces (Bulletins:SuspendAfterHardBounces = {Limit})", subscriber.Email, hard, limit);
    }

    /// <summary>True when the message was addressed to this subscriber's signed address (not just a reply to a bulletin).</summary>
    private bool IsTokenReply(InboundReply reply) =>
        reply.Message.To.Mailboxes.Concat(reply.Message.Cc.Mailboxes).Select(m => m.Address)
            .Concat(reply.Message.Headers.Where(h => h.Field.Equals("Delivered-To", StringComparison.OrdinalIgnoreCase)).Select(h => h.Value.Trim()))
            .Select(tokens.FromAddress)
            .Any(t => t is { Kind: ReplyToken.Subscriber } && t.Id == reply.TargetId);

    public static bool AsksToUnsubscribe(MimeKit.MimeMessage message)
    {
        if (UnsubscribeSubject().IsMatch(message.Subject ?? ""))
            return true;
        var body = message.TextBody ?? (message.HtmlBody is { } html ? Regex.Replace(html, "<[^>]+>", " ") : "");
        var first = body.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        return UnsubscribeLine().IsMatch(first);
    }

    [GeneratedRegex(@"^\s*((re|aw|fw|fwd)\s*:\s*)*unsubscribe\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex UnsubscribeSubject();

    [GeneratedRegex(@"^unsubscribe[.!]?$", RegexOptions.IgnoreCase)]
    private static partial Regex UnsubscribeLine();
}
