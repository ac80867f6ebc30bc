using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MimeKit;
using StpCollector.Bulletins;
using StpCollector.Ingestion;
using StpCollector.Mail;
using StpCollector.Storage;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Bulletins;

/// <summary>The handler called directly, as the ingestion pipeline will call it, inside a real transaction.</summary>
public sealed class BulletinInboundHandlerTests
{
    private static IInboundHandler Handler(IHost host) =>
        host.Services.GetServices<IInboundHandler>().Single(h => h.TokenKind == ReplyToken.Subscriber);

    private static MimeMessage Reply(string from, string to, string subject, string body)
    {
        var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = body } };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        return message;
    }

    private static async Task<InboundHandling> HandleAsync(IHost host, MimeMessage message, long targetId)
    {
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
        await using var transaction = (DbTransaction)await connection.BeginTransactionAsync();
        var result = await Handler(host).HandleReplyAsync(
            new InboundReply(1, message, message.From.Mailboxes.Single().Address, targetId, null, connection, transaction), CancellationToken.None);
        await transaction.CommitAsync();
        return result;
    }

    private static async Task BounceAsync(IHost host, string recipient, string topic, bool permanent)
    {
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
        await using var transaction = (DbTransaction)await connection.BeginTransactionAsync();
        await Handler(host).HandleBounceAsync(new InboundBounce(1, 1, "bulletin", topic, recipient, "550 5.1.1 no such user", permanent, connection, transaction),
            CancellationToken.None);
        await transaction.CommitAsync();
    }

    private static async Task<Subscriber> Get(IHost host, string email) =>
        (await host.Services.GetRequiredService<SubscriberStore>().ListAsync(activeOnly: false)).Single(s => s.Email == email);

    [Test]
    public async Task An_unsubscribe_reply_to_the_signed_address_unsubscribes_that_subscriber()
    {
        using var data = new TempDataDir();
        using var host = await data.StartHostAsync();
        var ada = (await BulletinFixture.AddSubscribersAsync(host, ["ada@network.test"]))[0];
        var address = host.Services.GetRequiredService<ReplyTokens>().AddressFor(SubscriberStore.TokenFor(ada.Id));

        // Sent from another address (a forwarding mailbox): the signed address decides who it is.
        var result = await HandleAsync(host, Reply("ada.home@elsewhere.test", address, "Re: LGA STP network bulletin", "Unsubscribe\n\n> quoted bulletin"), ada.Id);

        Assert.That((result.Outcome, result.Held), Is.EqualTo(("unsubscribed", false)));
        Assert.That((await Get(host, "ada@network.test")).Status, Is.EqualTo("unsubscribed"));
    }

    [Test]
    public async Task A_reply_to_a_bulletin_with_unsubscribe_as_subject_unsubscribes_the_sender()
    {
        using var data = new TempDataDir();
        using var host = await data.StartHostAsync();
        await BulletinFixture.AddSubscribersAsync(host, ["ada@network.test", "ben@network.test"]);

        // Through the bulletin's Message-ID the target is bulletin 7, not a subscriber.
        var result = await HandleAsync(host, Reply("Ben@Network.test", "stp@lga.test", "unsubscribe", "Thanks for the bulletins."), 7);

        Assert.That(result.Outcome, Is.EqualTo("unsubscribed"));
        Assert.That((await Get(host, "ben@network.test")).Status, Is.EqualTo("unsubscribed"));
        Assert.That((await Get(host, "ada@network.test")).Status, Is.EqualTo("active"));
    }

    [Test]
    public async Task Any_other_reply_from_a_subscriber_is_recorded_as_feedback_with_only_their_own_words_and_changes_nothing()
    {
        using var data = new TempDataDir();
        using var host = await data.StartHostAsync();
        var ada = (await BulletinFixture.AddSubscribersAsync(host, ["ada@network.test"]))[0];
        var address = host.Services.GetRequiredService<ReplyTokens>().AddressFor(SubscriberStore.TokenFor(ada.Id));

        var result = await HandleAsync(host, Reply("ada@network.test", address, "Re: bulletin",
            "Please do not unsubscribe me, this is useful.\n\nKind regards,\nAda\n\nOn 1 Dec 2026, StpCollector wrote:\n> the bulletin"), ada.Id);

        Assert.That((result.Outcome, result.Held), Is.EqualTo(("feedback", false)));
        Assert.That((await Get(host, "ada@network.test")).Status, Is.EqualTo("active"));
        var feedback = (await host.Services.GetRequiredService<FeedbackStore>().ListAsync(null, null)).Single();
        Assert.That((feedback.SubscriberId, feedback.Sender, feedback.Words), Is.EqualTo(((long?)ada.Id, "ada@network.test", "Please do not unsubscribe me, this is useful.")));
    }

    [Test]
    public async Task Feedback_names_the_council_of_a_contact_or_of_the_one_council_on_the_sender_s_mail_domain()
    {
        using var data = new TempDataDir();
        using var host = await data.StartHostAsync();
        await host.Services.GetRequiredService<StpCollector.Contacts.ContactImporter>().ImportAsync(RepoPaths.Seeds("contacts-sample.csv"), skipInvalid: false);
        await BulletinFixture.AddSubscribersAsync(host, ["stp.lead@hartlepool.gov.test", "colleague@hartlepool.gov.test", "ada@network.test"]);

        foreach (var from in new[] { "stp.lead@hartlepool.gov.test", "colleague@hartlepool.gov.test", "ada@network.test" })
            Assert.That((await HandleAsync(host, Reply(from, "stp@lga.test", "Re: bulletin", "A question about the figures."), 3)).Outcome, Is.EqualTo("feedback"));

        var councils = (await host.Services.GetRequiredService<FeedbackStore>().ListAsync(null, null)).ToDictionary(f => f.Sender, f => (f.CouncilCode, f.BulletinId));
        Assert.That(councils["stp.lead@hartlepool.gov.test"], Is.EqualTo(("E06000001", (long?)3)));
        Assert.That(councils["colleague@hartlepool.gov.test"], Is.EqualTo(("E06000001", (long?)3)));
        Assert.That(councils["ada@network.test"], Is.EqualTo(((string?)null, (long?)3)));
    }

    [Test]
    public async Task A_reply_from_someone_who_is_not_a_subscriber_is_held()
    {
        using var data = new TempDataDir();
        using var host = await data.StartHostAsync();

        var result = await HandleAsync(host, Reply("stranger@else.test", "stp@lga.test", "Re: bulletin", "Who are you?"), 7);

        Assert.That((result.Outcome, result.Held), Is.EqualTo(("bulletin_reply_unknown", true)));
        Assert.That(await host.Services.GetRequiredService<FeedbackStore>().ListAsync(null, null), Is.Empty);
    }

    [Test]
    public async Task Repeated_hard_bounces_suspend_the_subscriber_counting_each_bulletin_once()
    {
        using var data = new TempDataDir();
        using var host = await data.StartHostAsync(new Dictionary<string, string?> { ["Bulletins:SuspendAfterHardBounces"] = "2" });
        await BulletinFixture.AddSubscribersAsync(host, ["gone@network.test"]);

        await BounceAsync(host, "gone@network.test", "bulletin:1", permanent: true);
        await BounceAsync(host, "gone@network.test", "bulletin:1", permanent: true); // the same failure reported twice
        await BounceAsync(host, "gone@network.test", "bulletin:2", permanent: false); // a soft bounce never suspends
        var afterOne = await Get(host, "gone@network.test");
        await BounceAsync(host, "gone@network.test", "bulletin:3", permanent: true);
        var afterTwo = await Get(host, "gone@network.test");

        Assert.That((afterOne.HardBounces, afterOne.SoftBounces, afterOne.Status), Is.EqualTo((1L, 1L, "active")));
        Assert.That((afterTwo.HardBounces, afterTwo.Status), Is.EqualTo((2L, "suspended")));
        Assert.That(afterTwo.StatusReason, Does.Contain("550 5.1.1"));
    }
}
