using System.Globalization;
using Microsoft.Extensions.Options;
using MimeKit;
using StpCollector.Calendar;
using StpCollector.Mail;
using StpCollector.Outbox;

namespace StpCollector.Bulletins;

/// <summary>
/// The two short notes a member gets about their feedback: the thank-you (Bulletins:AcknowledgeFeedback) and, with
/// `faq publish --notify`, word that an FAQ entry drawn on it is published. Both are plain text, marked as automatic
/// (RFC 3834) so out-of-office replies stay quiet, and a reply to them reaches the team as the subscriber's feedback.
/// </summary>
internal sealed class FeedbackMessages(ReplyTokens tokens, IOptions<MailOptions> mail)
{
    public const string AcknowledgementKind = "feedback_ack";
    public const string NoticeKind = "faq_notice";

    public OutgoingMessage Acknowledgement(long feedbackId, Subscriber subscriber, MimeMessage received)
    {
        var message = Message(subscriber, ReplySubject(received.Subject), $"""
            Dear {subscriber.Name},

            Thank you for writing to the LGA STP team. We read every message: the common themes and questions colleagues
            raise are collated as frequently asked questions in the bulletin, and we will be in touch if we need more from you.

            {mail.Value.FromName}
            """);
        if (received.MessageId is { Length: > 0 } id)
        {
            message.InReplyTo = id;
            message.References.Add(id);
        }

        return new OutgoingMessage(AcknowledgementKind, $"feedback:{feedbackId}", null, message);
    }

    public OutgoingMessage Notice(FaqEntry entry, Subscriber subscriber, DateTimeOffset wroteAt) =>
        new(NoticeKind, $"faq:{entry.Id}", null, Message(subscriber, "Your question in the STP network bulletin", $"""
            Dear {subscriber.Name},

            On {LondonTime.ToLondon(wroteAt).ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))} you wrote to us about the bulletin. What you raised
            is now answered among its frequently asked questions:

              {entry.Question}

            It appears in the next bulletin. Thank you for telling us.

            {mail.Value.FromName}
            """));

    private MimeMessage Message(Subscriber subscriber, string subject, string text)
    {
        var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = text } };
        message.To.Add(new MailboxAddress(subscriber.Name, subscriber.Email));
        message.ReplyTo.Add(new MailboxAddress(mail.Value.FromName, tokens.AddressFor(SubscriberStore.TokenFor(subscriber.Id))));
        message.Headers.Add("Auto-Submitted", "auto-replied");
        return message;
    }

    private static string ReplySubject(string? subject) =>
        string.IsNullOrWhiteSpace(subject) ? "Thank you for your feedback"
        : subject.TrimStart().StartsWith("Re:", StringComparison.OrdinalIgnoreCase) ? subject.Trim() : "Re: " + subject.Trim();
}
