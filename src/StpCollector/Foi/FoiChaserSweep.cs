using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using StpCollector.Hosting;
using StpCollector.Mail;
using StpCollector.Outbox;
using StpCollector.Storage;
using StpCollector.Templates;

namespace StpCollector.Foi;

/// <summary>
/// Sends one polite chaser when a request passes its statutory due date. The chaser is queued and recorded on
/// the request in one transaction, so it goes out once however often the sweep runs or the worker restarts.
/// </summary>
public sealed class FoiChaserSweep(
    Database database,
    FoiRequestStore requests,
    TemplateRenderer templates,
    ReplyTokens tokens,
    OutboxWriter outbox,
    IOptions<FoiOptions> options,
    TimeProvider clock,
    ILogger<FoiChaserSweep> logger) : ISweep
{
    public async Task<SweepResult> RunAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SendChasers)
            return SweepResult.Idle("chasers are off (Foi:SendChasers is false)");
        var chased = new List<string>();
        var overdue = (await requests.ListAsync(cancellationToken: cancellationToken))
            .Where(r => r.Status is FoiStatus.Overdue or FoiStatus.VeryOverdue && !r.Chased)
            .ToList();
        foreach (var request in overdue)
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            var outboxId = await outbox.EnqueueAsync(connection, transaction,
                new OutgoingMessage("foi_chaser", $"foi:{request.Id}", request.CouncilCode, Compose(request)));
            var now = clock.GetUtcNow();
            // Conditional, so a second sweep racing this one (worker and run --once) cannot chase twice.
            var recorded = await connection.ExecuteAsync(
                "UPDATE foi_requests SET chaser_outbox_id = @outboxId, updated_at = @now WHERE id = @Id AND chaser_outbox_id IS NULL",
                new { outboxId, now, request.Id }, transaction);
            if (recorded == 0)
                continue;
            await FoiEvents.AddAsync(connection, transaction, request.Id, now, "chaser", $"Chaser queued: the response was due on {request.Due:yyyy-MM-dd}");
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("FoI request {Request} to {Council} is overdue (due {Due}); chaser queued", request.Id, request.CouncilCode, request.Due);
            chased.Add($"{FoiReference.Of(request.Id)} to {request.CouncilCode}");
        }

        return chased.Count == 0
            ? SweepResult.Idle("no request newly overdue")
            : SweepResult.Worked($"{chased.Count} chaser(s) queued for overdue requests: {string.Join(", ", chased)}");
    }

    private MimeMessage Compose(FoiRequestStore.View request)
    {
        var reference = FoiReference.Of(request.Id);
        var message = new MimeMessage { Subject = $"Overdue: Freedom of Information request {request.Title} [{reference}]" };
        message.To.Add(MailboxAddress.Parse(request.Recipient));
        message.ReplyTo.Add(MailboxAddress.Parse(tokens.AddressFor(new ReplyToken(ReplyToken.Foi, request.Id, request.CouncilCode))));
        message.Body = new TextPart("plain")
        {
            Text = templates.Render("foi-chaser.text", new
            {
                Reference = reference,
                request.Title,
                request.Council,
                Received = request.Received?.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")),
                Due = request.Due?.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")),
            }),
        };
        return message;
    }
}
