using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.Logging;
using MimeKit;
using StpCollector.Mail;
using StpCollector.Outbox;
using StpCollector.Storage;
using StpCollector.Templates;

namespace StpCollector.Foi;

/// <summary>
/// Sends one polite chaser when a request passes its statutory due date. The chaser is queued and recorded on
/// the request in one transaction, so it goes out once however often it is asked or the worker restarts.
/// </summary>
internal sealed class FoiChaser(
    Database database,
    FoiRequestStore requests,
    TemplateRenderer templates,
    ReplyTokens tokens,
    OutboxWriter outbox,
    TimeProvider clock,
    ILogger<FoiChaser> logger)
{
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>Queues a chaser for each request newly overdue; returns them as "FOI-12 to E09000007".</summary>
    public async Task<IReadOnlyList<string>> ChaseOverdueAsync(CancellationToken cancellationToken)
    {
        var overdue = (await requests.ListAsync(cancellationToken: cancellationToken))
            .Where(r => r.Status is FoiStatus.Overdue or FoiStatus.VeryOverdue && !r.Chased)
            .ToList();
        if (overdue.Count == 0)
            return [];
        var chased = new List<string>();
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var request in overdue)
        {
            if (await ChaseAsync(connection, request, cancellationToken))
                chased.Add($"{FoiReference.Of(request.Id)} to {request.CouncilCode}");
        }

        return chased;
    }

    private async Task<bool> ChaseAsync(DbConnection connection, FoiRequestStore.View request, CancellationToken cancellationToken)
    {
        await using var transaction = (DbTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var outboxId = await outbox.EnqueueAsync(connection, transaction,
            new OutgoingMessage(FoiReference.ChaserKind, FoiReference.TopicOf(request.Id), request.CouncilCode, Compose(request)));
        var now = clock.GetUtcNow();
        // Conditional, so a second sweep racing this one (worker and run --once) cannot chase twice.
        var recorded = await connection.ExecuteAsync(
            "UPDATE foi_requests SET chaser_outbox_id = @outboxId, updated_at = @now WHERE id = @Id AND chaser_outbox_id IS NULL",
            new { outboxId, now, request.Id }, transaction);
        if (recorded == 0)
            return false;
        await FoiEvents.AddAsync(connection, transaction, request.Id, now, "chaser", $"Chaser queued: the response was due on {request.Due:yyyy-MM-dd}");
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("FoI request {Request} to {Council} is overdue (due {Due}); chaser queued", request.Id, request.CouncilCode, request.Due);
        return true;
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
                Received = request.Received?.ToString("d MMMM yyyy", British),
                Due = request.Due?.ToString("d MMMM yyyy", British),
            }),
        };
        return message;
    }
}
