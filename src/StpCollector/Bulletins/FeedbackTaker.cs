using MimeKit;
using StpCollector.Contacts;
using StpCollector.Ingestion;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Bulletins;

/// <summary>
/// Staff moving a held message into feedback: a stranger's reply to a bulletin, or a subscriber's reply held because
/// nothing was written above the quote. It is read the way <see cref="BulletinInboundHandler"/> reads replies, and the
/// message leaves the holding pen through <see cref="HoldingPen.TakeAsync"/>.
/// </summary>
internal sealed class FeedbackTaker(HoldingPen pen, FeedbackThemes themes, TimeProvider clock)
{
    /// <summary>Records the held message <paramref name="inboundId"/> as feedback on <paramref name="bulletinId"/> (or the bulletin it replies to); returns the feedback id.</summary>
    public async Task<long> TakeAsync(long inboundId, long? bulletinId, CancellationToken cancellationToken)
    {
        long feedbackId = 0;
        await pen.TakeAsync(inboundId, async (held, connection, transaction) =>
        {
            if (!held.IsEmail)
                throw new InvalidInputProblem($"Inbound message #{inboundId} is a {held.Record.Kind.Text()} file, not an email; only mail can be feedback.", field: "ID");
            var message = ReadMessage(held, inboundId);
            if (bulletinId is { } given && await BulletinStore.FindAsync(connection, transaction, given) is null)
                throw new NotFoundProblem($"There is no bulletin #{given}. See the bulletins with: stpcollector bulletin list", field: "--bulletin");
            var sender = EmailAddress.Normalise(held.Record.Sender ?? message.From.Mailboxes.FirstOrDefault()?.Address ?? "");
            if (sender.Length == 0)
                throw new UnprocessableProblem($"Inbound message #{inboundId} has no sender address, so it cannot be feedback; discard it with: stpcollector holding-pen discard {inboundId} --reason \"...\"");
            // Staff chose to keep it, so a reply written between the quoted lines keeps its whole text rather than nothing.
            var words = ReplyBodyReader.OwnWords(message) is { Length: > 0 } own ? own : ReplyBodyReader.BodyText(message).Trim();
            if (words.Length == 0)
                throw new UnprocessableProblem($"Inbound message #{inboundId} has no text to keep as feedback; discard it with: stpcollector holding-pen discard {inboundId} --reason \"...\"");
            var subscriber = await SubscriberStore.FindAsync(connection, transaction, sender);
            feedbackId = await FeedbackStore.RecordAsync(connection, transaction, new FeedbackStore.NewFeedback(
                subscriber?.Id, sender, await FeedbackOrigin.CouncilAsync(sender, connection, transaction),
                bulletinId ?? await FeedbackOrigin.InThreadAsync(message, connection, transaction), inboundId, message.Subject ?? "", words,
                DapperSetup.ParseTimestamp(held.Record.ReceivedAt), await FaqQuotes.QuotedAsync(message, words, connection, transaction)), clock.GetUtcNow());
            await themes.TagAutomaticallyAsync(connection, transaction, feedbackId, words);
            return $"feedback #{feedbackId}";
        }, cancellationToken);
        return feedbackId;
    }

    private static MimeMessage ReadMessage(HeldMessage held, long inboundId)
    {
        try
        {
            return MimeMessage.Load(new MemoryStream(InboundPipeline.WithLineFeeds(held.Read())));
        }
        catch (FormatException e)
        {
            throw new UnprocessableProblem($"Inbound message #{inboundId} cannot be read as a message ({e.Message}), so it cannot be feedback.");
        }
    }
}
