using System.Data.Common;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MimeKit;
using StpCollector.Bulletins;
using StpCollector.Storage;

namespace StpCollector.Tests.Support;

/// <summary>Helpers for bulletin tests: subscribers, sending now, and reading back what was queued in the outbox.</summary>
internal static class BulletinFixture
{
    public static async Task<IReadOnlyList<Subscriber>> AddSubscribersAsync(IHost host, IEnumerable<string> emails)
    {
        var store = host.Services.GetRequiredService<SubscriberStore>();
        var added = new List<Subscriber>();
        foreach (var email in emails)
            added.Add((await store.AddAsync(email, "Reader " + email.Split('@')[0])).Subscriber);
        return added;
    }

    public static async Task<BulletinRecord> SendNowAsync(IHost host)
    {
        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var draft = await host.Services.GetRequiredService<BulletinComposer>().BuildAsync(now, now, CancellationToken.None);
        return (await host.Services.GetRequiredService<BulletinPublisher>().SendNewAsync($"manual-{DapperSetup.Format(now)}", now, draft, CancellationToken.None))!;
    }

    public sealed record Queued(long Id, string Recipient, string Topic, string Status, MimeMessage Message);

    public static IReadOnlyList<Queued> Outbox(string dataDir, string kind = "bulletin")
    {
        using var connection = TestDatabase.Open(dataDir);
        return connection.Query<(long Id, string Recipient, string Topic, string Status, byte[] Mime)>(
                "SELECT id, recipient, topic, status, mime FROM outbox WHERE kind = @kind ORDER BY id", new { kind })
            .Select(r => new Queued(r.Id, r.Recipient, r.Topic, r.Status, MimeMessage.Load(new MemoryStream(r.Mime))))
            .ToList();
    }

    /// <summary>A subscriber's reply to the bulletin they were sent: to the address it gave them, in its thread, quoting it.</summary>
    public static MimeMessage ReplyTo(string dataDir, string from, string subject, string body, params (string Name, string Value)[] headers)
    {
        var sent = Outbox(dataDir).Last(q => q.Recipient == from).Message;
        var reply = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = body }, MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("network.test") };
        reply.From.Add(MailboxAddress.Parse(from));
        reply.To.AddRange(sent.ReplyTo.Count > 0 ? sent.ReplyTo : sent.From);
        reply.InReplyTo = sent.MessageId;
        reply.References.Add(sent.MessageId!);
        foreach (var (name, value) in headers)
            reply.Headers.Add(name, value);
        return reply;
    }

    /// <summary>Processes <see cref="ReplyTo"/> through the inbound pipeline, as the mailbox sweep would.</summary>
    public static async Task ReplyAsync(IHost host, string dataDir, string from, string subject, string body)
    {
        using var bytes = new MemoryStream();
        await ReplyTo(dataDir, from, subject, body).WriteToAsync(bytes);
        await host.Services.GetRequiredService<StpCollector.Ingestion.InboundPipeline>().ProcessAsync(
            new StpCollector.Ingestion.InboundItem(StpCollector.Ingestion.InboundItem.Mailbox, "reply.eml", bytes.ToArray()),
            StpCollector.Ingestion.IngestHints.None, CancellationToken.None);
    }

    public static T Scalar<T>(string dataDir, string sql)
    {
        using var connection = TestDatabase.Open(dataDir);
        return connection.ExecuteScalar<T>(sql)!;
    }

    /// <summary>A copy of the shipped config/ folder that a test may change (Paths:Config points at it).</summary>
    public static string CopyConfig(TempDataDir data)
    {
        var target = data.File("config");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "config"), "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(Path.Combine(RepoPaths.Root, "config"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        return target;
    }
}
