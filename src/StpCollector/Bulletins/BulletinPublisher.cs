using System.Data.Common;
using Microsoft.Extensions.Logging;
using StpCollector.Outbox;

namespace StpCollector.Bulletins;

/// <summary>
/// Queues a bulletin for every active subscriber in one transaction with the row that marks its period sent, so a
/// crash either queues all of it or none, and a restart never queues it twice. The outbox dispatcher does the SMTP.
/// </summary>
internal sealed class BulletinPublisher(
    Storage.Database database,
    OutboxWriter outbox,
    BulletinMessages messages,
    BulletinArchive archive,
    TimeProvider clock,
    ILogger<BulletinPublisher> logger)
{
    public const string OutboxKind = "bulletin";

    /// <summary>outbox.topic of a bulletin's messages ("bulletin:7").</summary>
    public static string TopicOf(long id) => new Topic("bulletin", id).ToString();

    /// <summary>Records and sends a freshly built bulletin for a period; false if the period was already taken.</summary>
    public async Task<BulletinRecord?> SendNewAsync(string periodKey, DateTimeOffset scheduledFor, BulletinDraft draft, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (DbTransaction)await connection.BeginTransactionAsync(cancellationToken);
        if (await BulletinStore.FindByPeriodAsync(connection, transaction, periodKey) is not null)
            return null;
        var id = await BulletinStore.InsertAsync(connection, transaction, periodKey, scheduledFor, BulletinStore.Approved, draft, null, clock.GetUtcNow());
        await BulletinStore.SaveChartsAsync(connection, transaction, id, draft);
        return await QueueAsync(connection, transaction, id, cancellationToken);
    }

    /// <summary>Sends an approved draft; null if someone else sent it first or it is no longer approved.</summary>
    public async Task<BulletinRecord?> SendApprovedAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (DbTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var bulletin = await BulletinStore.FindAsync(connection, transaction, id);
        return bulletin?.Status == BulletinStore.Approved ? await QueueAsync(connection, transaction, id, cancellationToken) : null;
    }

    private async Task<BulletinRecord> QueueAsync(DbConnection connection, DbTransaction transaction, long id, CancellationToken cancellationToken)
    {
        var bulletin = (await BulletinStore.FindAsync(connection, transaction, id))!;
        var charts = await BulletinStore.ChartsAsync(connection, transaction, id);
        var subscribers = await SubscriberStore.ListAsync(connection, transaction, activeOnly: true);
        foreach (var subscriber in subscribers)
            await outbox.EnqueueAsync(connection, transaction,
                new OutgoingMessage(OutboxKind, TopicOf(id), null, messages.Create(bulletin, charts, subscriber)));
        var now = clock.GetUtcNow();
        await Dapper.SqlMapper.ExecuteAsync(connection,
            "UPDATE bulletins SET status = 'sent', sent_at = @now, recipients = @count WHERE id = @id",
            new { id, now = Storage.DapperSetup.Format(now), count = subscribers.Count }, transaction);
        await transaction.CommitAsync(cancellationToken);

        var sent = bulletin with { Status = BulletinStore.Sent, SentAt = now, Recipients = subscribers.Count };
        var folder = archive.Write(sent, charts);
        logger.LogInformation("Bulletin {Id} \"{Subject}\" queued for {Count} subscribers; archived in {Folder}", id, bulletin.Subject, subscribers.Count, folder);
        return sent;
    }

    /// <summary>Re-writes the archive of any sent bulletin whose folder is missing (a crash between commit and archive).</summary>
    public async Task RepairArchiveAsync(DbConnection connection)
    {
        foreach (var id in await BulletinStore.SentIdsAsync(connection))
        {
            var bulletin = (await BulletinStore.FindAsync(connection, null, id))!;
            if (!archive.Has(bulletin))
                archive.Write(bulletin, await BulletinStore.ChartsAsync(connection, null, id));
        }
    }
}
