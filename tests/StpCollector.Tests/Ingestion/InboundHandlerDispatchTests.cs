using Dapper;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using StpCollector.Hosting;
using StpCollector.Ingestion;
using StpCollector.Mail;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Ingestion;

/// <summary>Other features plug into ingestion through IInboundHandler: replies by token kind or outbox kind, bounces by outbox kind.</summary>
public sealed class InboundHandlerDispatchTests
{
    private sealed class FoiHandler : IInboundHandler
    {
        public List<InboundReply> Replies { get; } = [];
        public List<InboundBounce> Bounces { get; } = [];
        public char TokenKind => ReplyToken.Foi;
        public IReadOnlyCollection<string> OutboxKinds { get; } = ["foi_request"];

        public Task<InboundHandling> HandleReplyAsync(InboundReply reply, CancellationToken cancellationToken)
        {
            Replies.Add(reply);
            return Task.FromResult(new InboundHandling("foi_response", $"response to request {reply.TargetId}"));
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
        var handler = new FoiHandler();
        var builder = AppHost.CreateBuilder(new GlobalArguments(data.Path, null), worker: false);
        builder.Services.AddSingleton<IInboundHandler>(handler);
        using var host = builder.Build();
        await AppHost.PrepareAsync(host.Services);
        var pipeline = host.Services.GetRequiredService<InboundPipeline>();
        var tokenAddress = host.Services.GetRequiredService<ReplyTokens>().AddressFor(new ReplyToken(ReplyToken.Foi, 42, "E09000007"));

        var reply = new MimeMessage { Subject = "Your FoI request", MessageId = "foi-reply-1@camden.gov.test", Body = new TextPart("plain") { Text = "Please find attached." } };
        reply.From.Add(MailboxAddress.Parse("foi@camden.gov.test"));
        reply.To.Add(MailboxAddress.Parse(tokenAddress));
        var replied = await pipeline.ProcessAsync(new InboundItem(InboundItem.Mailbox, "t", Bytes(reply)), IngestHints.None, CancellationToken.None);

        await using (var connection = await host.Services.GetRequiredService<StpCollector.Storage.Database>().OpenAsync())
        {
            await connection.ExecuteAsync("""
                INSERT INTO outbox (kind, topic, council_code, recipient, subject, message_id, mime, status, next_attempt_at, created_at, sent_at)
                VALUES ('foi_request', 'foi:42', 'E09000007', 'gone@camden.gov.test', 'FoI', 'foi-request-42@lga.test', x'00', 'sent', '2026-11-02T09:00:00.000Z', '2026-11-02T09:00:00.000Z', '2026-11-02T09:00:00.000Z')
                """);
        }

        var bounce = new MimeMessage { Subject = "Undelivered Mail Returned to Sender", MessageId = "bounce-1@mx.lga.test" };
        bounce.From.Add(MailboxAddress.Parse("MAILER-DAEMON@mx.lga.test"));
        bounce.To.Add(MailboxAddress.Parse("stp@lga.test"));
        bounce.Body = new TextPart("plain") { Text = "<gone@camden.gov.test>: 550 5.1.1 User unknown\n\nMessage-ID: <foi-request-42@lga.test>\n" };
        var bounced = await pipeline.ProcessAsync(new InboundItem(InboundItem.Mailbox, "t", Bytes(bounce)), IngestHints.None, CancellationToken.None);

        Assert.That(replied.Outcome, Is.EqualTo("handled"));
        Assert.That(replied.Reason, Is.EqualTo("foi_response: response to request 42"));
        Assert.That(handler.Replies.Single().TargetId, Is.EqualTo(42));
        Assert.That(bounced.Outcome, Is.EqualTo("bounce"), bounced.Reason);
        Assert.That(handler.Bounces.Single().Topic, Is.EqualTo("foi:42"));
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
