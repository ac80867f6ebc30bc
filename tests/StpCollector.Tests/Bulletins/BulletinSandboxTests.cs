using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using StpCollector.Bulletins;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Bulletins;

/// <summary>The shipped editorial and the known test round, sent to 50 subscribers through the real Postfix and read back from Dovecot.</summary>
public sealed class BulletinSandboxTests
{
    [Test]
    public async Task Fifty_subscribers_each_receive_one_multipart_bulletin_and_an_unsubscribe_reply_removes_one_from_the_next_send()
    {
        var sandbox = MailSandbox.Shared;
        var run = Guid.NewGuid().ToString("N")[..8];
        var returnsUser = $"ret{run}@lga.test";
        var settings = sandbox.Settings(returnsUser);
        settings["Mail:ReplyLocalPart"] = $"ret{run}";
        settings["Bulletins:UnsubscribeBaseUrl"] = "https://stp.lga.test/unsubscribe";
        settings["Clock:Now"] = "2026-12-01T10:00:00Z";
        using var data = new TempDataDir();
        using var host = await data.StartHostAsync(settings);
        KnownRounds.Create(ReturnsBuilder.For(host));
        var readers = Enumerable.Range(1, 50).Select(i => $"reader{i:00}-{run}@network.test").ToList();
        var subscribers = await BulletinFixture.AddSubscribersAsync(host, readers);

        var first = await BulletinFixture.SendNowAsync(host);
        var sender = await MailFlow.DeliverOutboxAsync(host);
        TestContext.Out.WriteLine($"Delivered through the {sender}.");

        Assert.That(first.Recipients, Is.EqualTo(50));
        foreach (var subscriber in subscribers)
        {
            var inbox = await sandbox.WaitForAsync(subscriber.Email, 1);
            Assert.That(inbox, Has.Count.EqualTo(1), subscriber.Email);
            AssertIsTheBulletin(inbox[0], subscriber, $"ret{run}");
        }

        // The first reader replies "unsubscribe" to the address the bulletin gave them.
        var leaving = subscribers[0];
        var received = (await sandbox.FetchAsync(leaving.Email)).Single();
        var reply = new MimeMessage { Subject = "unsubscribe", Body = new TextPart("plain") { Text = "unsubscribe" } };
        reply.From.Add(MailboxAddress.Parse(leaving.Email));
        reply.To.AddRange(received.ReplyTo);
        reply.InReplyTo = received.MessageId;
        await sandbox.SendAsync(reply);
        Assert.That(await sandbox.WaitForAsync(returnsUser, 1), Has.Count.EqualTo(1));
        TestContext.Out.WriteLine($"Reply processed through the {await MailFlow.ProcessInboxAsync(host)}.");

        var statuses = (await host.Services.GetRequiredService<SubscriberStore>().ListAsync(activeOnly: false)).ToDictionary(s => s.Email, s => s.Status);
        Assert.That(statuses[leaving.Email], Is.EqualTo("unsubscribed"));
        Assert.That(statuses.Values.Count(s => s == "active"), Is.EqualTo(49));

        var second = await BulletinFixture.SendNowAsync(host);
        await MailFlow.DeliverOutboxAsync(host);

        Assert.That(second.Recipients, Is.EqualTo(49));
        Assert.That(BulletinFixture.Outbox(data.Path).Where(q => q.Topic == $"bulletin:{second.Id}").Select(q => q.Recipient), Does.Not.Contain(leaving.Email));
        foreach (var subscriber in subscribers.Skip(1))
            Assert.That(await sandbox.WaitForAsync(subscriber.Email, 2), Has.Count.EqualTo(2), subscriber.Email);
        Assert.That(await sandbox.FetchAsync(leaving.Email), Has.Count.EqualTo(1), "the reader who unsubscribed got nothing more");
    }

    private static void AssertIsTheBulletin(MimeMessage message, Subscriber subscriber, string replyLocalPart)
    {
        Assert.That(message.Subject, Is.EqualTo("LGA STP network bulletin, December 2026"));
        var alternative = message.Body as MultipartAlternative;
        Assert.That(alternative, Is.Not.Null, "multipart/alternative at the top");
        var related = alternative!.OfType<MultipartRelated>().Single();
        var charts = related.OfType<MimePart>().Where(p => p.ContentType.MimeType == "image/png").ToList();
        Assert.That(charts, Has.Count.EqualTo(3));
        Assert.That(charts.Select(c => message.HtmlBody!.Contains($"cid:{c.ContentId}")), Is.All.True, "each chart is shown inline");
        Assert.That(message.TextBody, Does.Contain("(80%, 4 of 5)").And.Contain("In London the share is 100%, against 50% in the rest of England"));
        Assert.That(message.HtmlBody, Does.Contain("alt=\"Bar chart for Q7"));
        Assert.That(message.Headers["List-Unsubscribe"], Is.EqualTo(
            $"<mailto:{replyLocalPart}+{subscriber.UnsubscribeToken}@lga.test?subject=unsubscribe>, <https://stp.lga.test/unsubscribe/{subscriber.UnsubscribeToken}>"));
        Assert.That(message.Headers["List-Unsubscribe-Post"], Is.EqualTo("List-Unsubscribe=One-Click"));
    }
}
