using System.Data.Common;
using Dapper;
using MimeKit;
using StpCollector.Outbox;
using StpCollector.Storage;

namespace StpCollector.Ingestion;

/// <summary>
/// Records a delivery failure against the outbox row it reports on (found by the original Message-ID, else by the
/// recipient's latest message): inbound_bounces always, outbox.bounced_at for permanent failures, and the owning
/// feature's handler (rounds, bulletins, FoI) when there is one.
/// </summary>
internal sealed class BounceRecorder(IEnumerable<IInboundHandler> handlers, TimeProvider clock)
{
    private readonly IReadOnlyList<IInboundHandler> handlers = handlers.ToList();

    public async Task<string> RecordAsync(long inboundId, MimeMessage message, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var report = DeliveryReport.Parse(message);
        SentMessage? original = null;
        if (report.OriginalMessageId is { } originalId)
            original = await SentMessages.ByMessageIdAsync(originalId, connection, transaction);

        var failures = report.Failures.ToList();
        if (failures.Count == 0 && original is not null)
            failures.Add(new DeliveryReport.Failure(original.Recipient, null, message.Subject ?? "delivery failed", true));
        if (failures.Count == 0)
            return "a delivery failure report naming no recipient and none of our messages; recorded only";

        var at = clock.GetUtcNow();
        var now = DapperSetup.Format(at);
        var described = new List<string>();
        foreach (var failure in failures)
        {
            var row = original is not null && (failures.Count == 1 || original.Recipient.Equals(failure.Recipient, StringComparison.OrdinalIgnoreCase))
                ? original
                : await SentMessages.LatestSentToAsync(failure.Recipient, connection, transaction);
            await connection.ExecuteAsync("""
                INSERT INTO inbound_bounces (inbound_id, outbox_id, recipient, status, reason, permanent, created_at)
                VALUES (@inboundId, @outboxId, @Recipient, @Status, @Reason, @Permanent, @now)
                """, new { inboundId, outboxId = row?.Id, failure.Recipient, failure.Status, failure.Reason, failure.Permanent, now }, transaction);
            if (row is null)
            {
                described.Add($"{failure.Recipient}: {failure.Reason} (matches none of our messages)");
                continue;
            }

            if (failure.Permanent)
                await SentMessages.MarkBouncedAsync(row.Id, failure.Reason, at, connection, transaction);

            var handler = handlers.FirstOrDefault(h => h.OutboxKinds.Contains(row.Kind));
            if (handler is not null)
            {
                await handler.HandleBounceAsync(new InboundBounce(inboundId, row.Id, row.Kind, row.Topic, failure.Recipient, failure.Reason, failure.Permanent,
                    connection, transaction), cancellationToken);
            }

            described.Add($"{row.Kind} #{row.Id} to {failure.Recipient} {(failure.Permanent ? "bounced" : "delayed")}: {failure.Reason}");
        }

        return string.Join("; ", described);
    }
}
