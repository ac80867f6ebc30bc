using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MimeKit;
using StpCollector.Hosting;
using StpCollector.Ingestion;
using StpCollector.Mail;
using StpCollector.Storage;

namespace StpCollector.Tests.Support;

/// <summary>
/// Moves mail for end-to-end tests. When the real sweeps are registered (OutboxDispatch from the rounds feature,
/// MailboxPoll from ingestion) they are run. Until they have landed, a clearly marked stand-in does the same minimal
/// job: send pending outbox rows through the configured IMailTransport, and hand token-addressed replies to the
/// registered IInboundHandler. The stand-ins exist only in tests.
/// </summary>
public static class MailFlow
{
    public static async Task<string> DeliverOutboxAsync(IHost host)
    {
        if (await RunSweepIfRegisteredAsync(host, "OutboxDispatch"))
            return "OutboxDispatch sweep";
        await StandInDispatchAsync(host);
        return "test stand-in dispatcher";
    }

    public static async Task<string> ProcessInboxAsync(IHost host)
    {
        if (await RunSweepIfRegisteredAsync(host, "MailboxPoll"))
            return "MailboxPoll sweep";
        await StandInInboundAsync(host);
        return "test stand-in inbound";
    }

    private static async Task<bool> RunSweepIfRegisteredAsync(IHost host, string name)
    {
        var registrations = host.Services.GetServices<SweepRegistration>().ToList();
        if (registrations.All(r => r.Name != name))
            return false;
        var runner = ActivatorUtilities.CreateInstance<SweepRunner>(host.Services, registrations);
        Assert.That(await runner.RunAsync(name, CancellationToken.None), Is.True, $"sweep {name} failed (see the log)");
        return true;
    }

    /// <summary>STAND-IN for the outbox dispatcher: pending rows, one connection, marked sent.</summary>
    private static async Task StandInDispatchAsync(IHost host)
    {
        var database = host.Services.GetRequiredService<Database>();
        await using var connection = await database.OpenAsync();
        var pending = (await connection.QueryAsync<(long Id, byte[] Mime)>("SELECT id, mime FROM outbox WHERE status = 'pending' ORDER BY id")).ToList();
        await using var session = await host.Services.GetRequiredService<IMailTransport>().ConnectAsync(CancellationToken.None);
        foreach (var (id, mime) in pending)
        {
            await session.SendAsync(MimeMessage.Load(new MemoryStream(mime)), CancellationToken.None);
            await connection.ExecuteAsync("UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = @now WHERE id = @id",
                new { id, now = DapperSetup.Format(DateTimeOffset.UtcNow) });
        }
    }

    /// <summary>STAND-IN for the ingestion pipeline: token-addressed replies go to the handler owning the token's kind.</summary>
    private static async Task StandInInboundAsync(IHost host)
    {
        var tokens = host.Services.GetRequiredService<ReplyTokens>();
        var handlers = host.Services.GetServices<IInboundHandler>().ToList();
        var database = host.Services.GetRequiredService<Database>();
        await using var mailbox = await host.Services.GetRequiredService<IMailbox>().OpenAsync(CancellationToken.None);
        foreach (var item in await mailbox.ListAsync(CancellationToken.None))
        {
            var message = MimeMessage.Load(new MemoryStream(await mailbox.ReadAsync(item, CancellationToken.None)));
            var token = message.Headers.Where(h => h.Field == "Delivered-To").Select(h => tokens.FromAddress(h.Value.Trim())).FirstOrDefault(t => t is not null);
            var handler = token is null ? null : handlers.FirstOrDefault(h => h.TokenKind == token.Kind);
            if (handler is null)
            {
                await mailbox.MoveAsync(item, MailboxDestination.Held, CancellationToken.None);
                continue;
            }

            await using var connection = await database.OpenAsync();
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            var outcome = await handler.HandleReplyAsync(new InboundReply(0, message, message.From.Mailboxes.First().Address, token!.Id, null, connection, transaction),
                CancellationToken.None);
            await transaction.CommitAsync();
            await mailbox.MoveAsync(item, outcome.Held ? MailboxDestination.Held : MailboxDestination.Processed, CancellationToken.None);
        }
    }
}
