using System.Text;
using MimeKit;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Ingestion;

/// <summary>
/// Outlook's "Forward as attachment": the officer's reply travels as a message/rfc822 part. Its token, body and
/// spreadsheets are read when the outer message has none. And old Mac mail, whose lines end in CR alone, is read too.
/// </summary>
public sealed class ForwardedAsAttachmentTests
{
    private const string Camden = "E09000007";
    private IngestionWorld world = null!;
    private long roundId;

    [SetUp]
    public async Task StartAsync()
    {
        world = await IngestionWorld.StartAsync();
        roundId = await world.CreateRoundAsync("STP-R7", [Camden]);
    }

    [TearDown]
    public void Stop() => world.Dispose();

    private MimeMessage OfficersReply(MimeEntity body)
    {
        var reply = new MimeMessage { Subject = "RE: [STP-R7] Local government involvement in your STP", MessageId = "inner-reply@camden.gov.test", Date = new DateTimeOffset(2026, 11, 3, 10, 0, 0, TimeSpan.Zero), Body = body };
        reply.From.Add(new MailboxAddress("Zara Dawson", "stp.lead@camden.gov.test"));
        reply.To.Add(MailboxAddress.Parse(world.TokenAddress(roundId, Camden)));
        return reply;
    }

    /// <summary>A colleague (not a known contact) forwards the reply as an attachment to the plain returns address.</summary>
    private static byte[] ForwardedAsAttachment(MimeMessage reply)
    {
        var forward = new MimeMessage { Subject = "FW: our return", MessageId = "outer-forward@camden.gov.test", Date = new DateTimeOffset(2026, 11, 4, 9, 0, 0, TimeSpan.Zero) };
        forward.From.Add(new MailboxAddress("Policy Team", "policy.team@camden.gov.test"));
        forward.To.Add(MailboxAddress.Parse("returns@lga.test"));
        forward.Body = new Multipart("mixed")
        {
            new TextPart("plain") { Text = "Forwarding Zara's reply, which she thinks did not reach you.\n\nPolicy Team" },
            new MessagePart { Message = reply, ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) },
        };
        using var stream = new MemoryStream();
        forward.WriteTo(stream);
        return stream.ToArray();
    }

    [Test]
    public async Task A_reply_forwarded_as_an_attachment_is_matched_by_its_own_token_and_its_body_is_read()
    {
        var reply = OfficersReply(new TextPart("plain") { Text = "Hello,\n\nQ1: Yes\nQ2: Partly\nQ16: Help with financial modelling.\n\nKind regards,\nZara" });

        var result = await world.IngestEmailAsync(ForwardedAsAttachment(reply));

        Assert.That(result.Outcome, Is.EqualTo("stored"), result.Reason);
        Assert.That(result.Reason, Does.Contain("matched by token"));
        var answers = await world.CurrentAnswersAsync(roundId, Camden);
        Assert.That(answers["Q1"].Value, Is.EqualTo("yes"));
        Assert.That(answers["Q2"].Value, Is.EqualTo("partly"));
        Assert.That(answers["Q16"].Value, Is.EqualTo("Help with financial modelling."));
        Assert.That(await world.ScalarAsync<string>("SELECT provenance FROM returns"), Does.Contain("attached message <inner-reply@camden.gov.test>"));
    }

    [Test]
    public async Task A_spreadsheet_inside_a_reply_forwarded_as_an_attachment_is_read()
    {
        var builder = new BodyBuilder { TextBody = "Our return is attached." };
        builder.Attachments.Add("stp-r7-e09000007-return.csv",
            Encoding.UTF8.GetBytes("council_code,round,question_id,question,answer\r\nE09000007,STP-R7,Q1,,No\r\nE09000007,STP-R7,Q5,,Consulted\r\n"));

        var result = await world.IngestEmailAsync(ForwardedAsAttachment(OfficersReply(builder.ToMessageBody())));

        Assert.That(result.Outcome, Is.EqualTo("stored"), result.Reason);
        var answers = await world.CurrentAnswersAsync(roundId, Camden);
        Assert.That(answers["Q1"].Value, Is.EqualTo("no"));
        Assert.That(answers["Q5"].Value, Is.EqualTo("consulted"));
        Assert.That(await world.ScalarAsync<string>("SELECT source FROM returns"), Is.EqualTo("csv"));
    }

    [Test]
    public async Task A_message_whose_lines_end_in_carriage_returns_alone_is_read()
    {
        var text = $"From: Zara Dawson <stp.lead@camden.gov.test>\rTo: {world.TokenAddress(roundId, Camden)}\rSubject: RE: [STP-R7] STP\r" +
                   "Date: Tue, 3 Nov 2026 10:00:00 +0000\rMessage-ID: <old-mac@camden.gov.test>\rMIME-Version: 1.0\rContent-Type: text/plain; charset=us-ascii\r\r" +
                   "Q1: Yes\rQ2: No\rQ16: More help with\rthe readiness tool.\r\rZara\r";

        var result = await world.IngestEmailAsync(Encoding.ASCII.GetBytes(text));

        Assert.That(result.Outcome, Is.EqualTo("stored"), result.Reason);
        var answers = await world.CurrentAnswersAsync(roundId, Camden);
        Assert.That(answers["Q1"].Value, Is.EqualTo("yes"));
        Assert.That(answers["Q2"].Value, Is.EqualTo("no"));
        Assert.That(answers["Q16"].Value, Is.EqualTo("More help with\nthe readiness tool."));
    }
}
