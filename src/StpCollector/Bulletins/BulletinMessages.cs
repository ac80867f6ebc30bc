using Microsoft.Extensions.Options;
using MimeKit;
using StpCollector.Mail;

namespace StpCollector.Bulletins;

/// <summary>
/// One subscriber's copy: text and HTML alternatives with the charts inline (cid), Reply-To and List-Unsubscribe naming
/// the subscriber's signed address, and the RFC 8058 one-click link when a base URL is configured.
/// </summary>
public sealed class BulletinMessages(ReplyTokens tokens, IOptions<BulletinOptions> options, IOptions<MailOptions> mail)
{
    public MimeMessage Create(BulletinRecord bulletin, IReadOnlyList<(string Name, string Alt, byte[] Png)> charts, Subscriber subscriber)
    {
        var token = SubscriberStore.TokenFor(subscriber.Id);
        var replyAddress = tokens.AddressFor(token);
        var mailto = $"mailto:{replyAddress}?subject=unsubscribe";
        var url = UnsubscribeUrl(subscriber);

        var body = new BodyBuilder
        {
            TextBody = Personalise(bulletin.Text, mailto, url),
            HtmlBody = Personalise(bulletin.Html, mailto, url),
        };
        foreach (var (name, _, png) in charts)
        {
            var image = body.LinkedResources.Add(name, png, new ContentType("image", "png"));
            image.ContentId = BulletinDraft.ContentId(name);
        }

        var message = new MimeMessage { Subject = bulletin.Subject, Body = body.ToMessageBody() };
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

    public string? UnsubscribeUrl(Subscriber subscriber) =>
        options.Value.UnsubscribeBaseUrl.Length == 0 ? null : $"{options.Value.UnsubscribeBaseUrl.TrimEnd('/')}/{subscriber.UnsubscribeToken}";

    private static string Personalise(string content, string mailto, string? url) =>
        content.Replace(UnsubscribeLinks.MailtoPlaceholder, mailto).Replace(UnsubscribeLinks.UrlPlaceholder, url ?? "");
}
