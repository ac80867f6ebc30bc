using Microsoft.Extensions.Options;
using MimeKit;
using StpCollector.Mail;

namespace StpCollector.Bulletins;

/// <summary>
/// One subscriber's copy: text and HTML alternatives with the charts inline (cid), Reply-To and List-Unsubscribe naming
/// the subscriber's signed address, and the RFC 8058 one-click link when a base URL is configured.
/// </summary>
internal sealed class BulletinMessages(ReplyTokens tokens, IOptions<BulletinOptions> options, IOptions<MailOptions> mail)
{
    public MimeMessage Create(BulletinRecord bulletin, IReadOnlyList<(string Name, string Alt, byte[] Png)> charts, Subscriber subscriber)
    {
        var token = SubscriberStore.TokenFor(subscriber.Id);
        var replyAddress = tokens.AddressFor(token);
        var mailto = $"mailto:{replyAddress}?subject=unsubscribe";
        var url = UnsubscribeUrl(subscriber);

        var body = Body(UnsubscribeLinks.ForSubscriber(bulletin.Text, replyAddress, url),
            UnsubscribeLinks.ForSubscriber(bulletin.Html, replyAddress, url), charts);
        var message = new MimeMessage { Subject = bulletin.Subject, Body = body };
        message.To.Add(new MailboxAddress(subscriber.Name, subscriber.Email));
        message.ReplyTo.Add(new MailboxAddress(mail.Value.FromName, replyAddress));
        message.Headers.Add("List-Id", $"{mail.Value.FromName} bulletin <bulletin.{mail.Value.ReplyDomain}>");
        message.Headers.Add("List-Unsubscribe", url is null ? $"<{mailto}>" : $"<{mailto}>, <{url}>");
        if (url is not null)
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.Headers.Add("Precedence", "bulk");
        message.Headers.Add("Auto-Submitted", "auto-generated");
        return message;
    }

    /// <summary>
    /// A test copy for one address (bulletin test-send): "[TEST]" before the subject, and no unsubscribe headers or
    /// personal links, since the address need not be a subscriber; the footer reads as in the archive.
    /// </summary>
    public MimeMessage CreateTest(string subject, string html, string text, IReadOnlyList<(string Name, string Alt, byte[] Png)> charts, string address)
    {
        var message = new MimeMessage
        {
            Subject = $"{TestSubjectPrefix} {subject}",
            Body = Body(UnsubscribeLinks.ForAnyReaderText(text), UnsubscribeLinks.ForAnyReaderHtml(html), charts),
        };
        message.To.Add(MailboxAddress.Parse(address));
        message.Headers.Add("Auto-Submitted", "auto-generated");
        return message;
    }

    public const string TestSubjectPrefix = "[TEST]";

    private static MimeEntity Body(string text, string html, IReadOnlyList<(string Name, string Alt, byte[] Png)> charts)
    {
        var body = new BodyBuilder { TextBody = text, HtmlBody = html };
        foreach (var (name, _, png) in charts)
        {
            var image = body.LinkedResources.Add(name, png, new ContentType("image", "png"));
            image.ContentId = BulletinDraft.ContentId(name);
        }

        return body.ToMessageBody();
    }

    public string? UnsubscribeUrl(Subscriber subscriber) =>
        options.Value.UnsubscribeBaseUrl.Length == 0 ? null : $"{options.Value.UnsubscribeBaseUrl.TrimEnd('/')}/{subscriber.UnsubscribeToken}";
}
