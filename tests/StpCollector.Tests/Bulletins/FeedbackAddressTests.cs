using System.Data.Common;
using MimeKit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Contacts;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Bulletins;

/// <summary>
/// Bulletins:FeedbackAddress (named in the bulletin; mail to it from a subscriber is feedback, from a stranger held),
/// Bulletins:AcknowledgeFeedback (a thank-you through the outbox) and `faq publish --notify`, through the real executable.
/// </summary>
public sealed class FeedbackAddressTests
{
    private const string Address = "stp-feedback@lga.test";
    private const string Hartlepool = "stp.lead@hartlepool.gov.test";

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["STPCOLLECTOR__Bulletins__FeedbackAddress"] = Address,
        ["STPCOLLECTOR__Bulletins__AcknowledgeFeedback"] = "true",
    };

    private static Dictionary<string, string> At(string now) => new(Settings) { ["STPCOLLECTOR__Clock__Now"] = now };

    [Test]
    public async Task Mail_to_the_feedback_address_is_feedback_acknowledged_and_followed_up_when_its_faq_entry_is_published()
    {
        using var data = new TempDataDir();
        using (var host = await data.StartHostAsync())
        {
            await host.Services.GetRequiredService<ContactImporter>().ImportAsync(RepoPaths.Seeds("contacts-sample.csv"), skipInvalid: false);
            KnownRounds.Create(ReturnsBuilder.For(host));
            await BulletinFixture.AddSubscribersAsync(host, [Hartlepool]);
        }

        SqliteConnection.ClearAllPools();
        string[] Dir(params string[] args) => [.. args, "--data-dir", data.Path];
        var send = await AppProcess.RunAsync(Dir("bulletin", "send-now", "--yes"), At("2026-12-01T10:00:00Z"));
        var inbox = Directory.CreateDirectory(Path.Combine(data.Path, "mail", "inbox")).FullName;
        await Letter(Hartlepool, "Pooled budgets", "How are other councils pooling budgets for intermediate care?").WriteToAsync(Path.Combine(inbox, "member.eml"));
        await Letter("someone@else.test", "Hello", "Can I join the network?").WriteToAsync(Path.Combine(inbox, "stranger.eml"));

        var later = At("2026-12-02T09:30:00Z");
        var poll = await AppProcess.RunAsync(Dir("run", "--once", "--sweep", "MailboxPoll"), later);
        var feedback = await AppProcess.RunAsync(Dir("feedback", "show", "1"), later);
        var held = await AppProcess.RunAsync(Dir("holding-pen", "list"), later);
        await AppProcess.RunAsync(Dir("faq", "draft", "--from-feedback", "1", "--question", "How are councils pooling budgets?"), later);
        var publish = await AppProcess.RunAsync(Dir("faq", "publish", "9", "--notify"), later);

        Assert.That(send.ExitCode, Is.EqualTo(0), send.Stderr);
        var bulletin = BulletinFixture.Outbox(data.Path).Single().Message;
        Assert.That(bulletin.TextBody, Does.Contain($"Get in touch: tell us what you are seeing, share your experience or ask for advice at {Address}."));
        Assert.That(bulletin.HtmlBody, Does.Contain($"href=\"mailto:{Address}\""));
        Assert.That(poll.ExitCode, Is.EqualTo(0), poll.Stderr);
        Assert.That(feedback.Stdout, Does.Contain("How are other councils pooling budgets").And.Contain("Council:  Hartlepool"));
        Assert.That(held.Stdout, Does.Contain("someone@else.test").And.Not.Contain(Hartlepool));
        var thanks = BulletinFixture.Outbox(data.Path, "feedback_ack").Single();
        Assert.That((thanks.Recipient, thanks.Message.Subject), Is.EqualTo((Hartlepool, "Re: Pooled budgets")));
        Assert.That(thanks.Message.Headers["Auto-Submitted"], Is.EqualTo("auto-replied"));
        Assert.That(thanks.Message.ReplyTo.Mailboxes.Single().Address, Does.StartWith("returns+"), "a reply to the thank-you is the subscriber's feedback");
        Assert.That(publish.ExitCode, Is.EqualTo(0), publish.Stderr);
        Assert.That(publish.Stdout, Does.Contain("Queued 1 note"));
        var notice = BulletinFixture.Outbox(data.Path, "faq_notice").Single();
        Assert.That(notice.Recipient, Is.EqualTo(Hartlepool));
        Assert.That(notice.Message.TextBody, Does.Contain("How are councils pooling budgets?").And.Contain("On 2 December 2026 you wrote"));
    }

    [Test]
    public async Task Without_a_feedback_address_the_bulletin_has_no_get_in_touch_line_and_no_thank_you_is_sent()
    {
        using var data = new TempDataDir();
        using (var host = await data.StartHostAsync())
        {
            KnownRounds.Create(ReturnsBuilder.For(host));
            await BulletinFixture.AddSubscribersAsync(host, ["ada@network.test"]);
            await BulletinFixture.SendNowAsync(host);
            await BulletinFixture.ReplyAsync(host, data.Path, "ada@network.test", "Re: bulletin", "Very useful, thank you.");
        }

        Assert.That(BulletinFixture.Outbox(data.Path).Single().Message.TextBody, Does.Not.Contain("Get in touch"));
        Assert.That(BulletinFixture.Outbox(data.Path, "feedback_ack"), Is.Empty);
    }

    private static MimeMessage Letter(string from, string subject, string text)
    {
        var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = text }, MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("network.test") };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(Address));
        return message;
    }
}
