using Dapper;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using StpCollector.Ingestion;
using StpCollector.Mail;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Ingestion;

/// <summary>Other features plug into ingestion through IInboundHandler: replies by token kind or outbox kind, bounces by outbox kind (a test-only kind, beside the real FoI handler).</summary>
public sealed class InboundHandlerDispatchTests
{
    private sealed class NoticeHandler : IInboundHandler
    {
        public List<InboundReply> Replies { get; } = [];
        public List<InboundBounce> Bounces { get; } = [];
        public char TokenKind => 'z';
        public IReadOnlyCollection<string> OutboxKinds { get; } = ["test_notice"];

        public Task<InboundHandling> HandleReplyAsync(InboundReply reply, CancellationToken cancellationToken)
        {
            Replies.Add(reply);
            return Task.FromResult(new InboundHandling("notice_reply", $"reply to notice {reply.TargetId}"));
        }

        public Task HandleBounceAsync(InboundBounce bounce, CancellationToken cancellationToken)
        {
            Bounces.Add(bounce);
            return Task.CompletedTask;
        }
    }

    [Test]
    public async Task Replies_by_token_kind_and_bounces_of_the_handlers_outbox_kind_reach_the_handler_in_the_pipeline_transaction()
    {
        using var data = new TempDataDir();
        var handler = new NoticeHandler();
        using var host = await data.StartHostAsync(services: services => services.AddSingleton<IInboundHandler>(handler));
        var pipeline = host.Services.GetRequiredService<InboundPipeline>();
        var tokenAddress = host.Services.GetRequiredService<ReplyTokens>().AddressFor(new ReplyToken('z', 42, "E09000007"));

        var reply = new MimeMessage { Subject = "Your FoI request", MessageId = "foi-reply-1@camden.gov.test", Body = new TextPart("plain") { Text = "Please find attached." } };
        reply.From.Add(MailboxAddress.Parse("foi@camden.gov.test"));
        reply.To.Add(MailboxAddress.Parse(tokenAddress));
        var replied = await pipeline.ProcessAsync(new InboundItem(InboundItem.Mailbox, "t", Bytes(reply)), IngestHints.None, CancellationToken.None);

        await using (var connection = await host.Services.GetRequiredService<StpCollector.Storage.Database>().OpenAsync())
        {
            await connection.ExecuteAsync("""
                INSERT INTO outbox (kind, topic, council_code, recipient, subject, message_id, mime, status, next_attempt_at, created_at, sent_at)
                VALUES ('test_notice', 'notice:42', 'E09000007', 'gone@camden.gov.test', 'FoI', 'notice-42@lga.test', @mime, 'sent', '2026-11-02T09:00:00.000Z', '2026-11-02T09:00:00.000Z', '2026-11-02T09:00:00.000Z')
                """, new { mime = new byte[] { 0 } });
        }

        var bounce = new MimeMessage { Subject = "Undelivered Mail Returned to Sender", MessageId = "bounce-1@mx.lga.test" };
        bounce.From.Add(MailboxAddress.Parse("MAILER-DAEMON@mx.lga.test"));
        bounce.To.Add(MailboxAddress.Parse("stp@lga.test"));
        bounce.Body = new TextPart("plain") { Text = "<gone@camden.gov.test>: 550 5.1.1 User unknown\n\nMessage-ID: <notice-42@lga.test>\n" };
        var bounced = await pipeline.ProcessAsync(new InboundItem(InboundItem.Mailbox, "t", Bytes(bounce)), IngestHints.None, CancellationToken.None);

        Assert.That(replied.Outcome, Is.EqualTo("handled"));
        Assert.That(replied.Reason, Is.EqualTo("notice_reply: reply to notice 42"));
        Assert.That(handler.Replies.Single().TargetId, Is.EqualTo(42));
        Assert.That(bounced.Outcome, Is.EqualTo("bounce"), bounced.Reason);
        Assert.That(handler.Bounces.Single().Topic, Is.EqualTo("notice:42"));
        Assert.That(handler.Bounces.Single().Reason, Does.Contain("550 5.1.1 User unknown"));
        Assert.That(handler.Bounces.Single().Permanent, Is.True);
    }

    private static byte[] Bytes(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }
}
