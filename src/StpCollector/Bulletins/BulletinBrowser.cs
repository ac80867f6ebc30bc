using System.Data.Common;
using StpCollector.Audit;
using StpCollector.Outbox;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Bulletins;

/// <summary>What staff read of the bulletins: the archive, one bulletin's text and HTML as any reader got it, and how its mail is doing.</summary>
internal sealed class BulletinBrowser(Database database, BulletinArchive archive, AuditLog audit)
{
    /// <summary>The audit action recorded when a draft is approved (the `bulletin approve` verb).</summary>
    public const string ApproveAction = "bulletin approve";

    public async Task<IReadOnlyList<BulletinRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await BulletinStore.ListAsync(connection);
    }

    public async Task<BulletinRecord> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await BulletinStore.FindAsync(connection, null, id)
            ?? throw new NotFoundProblem($"There is no bulletin {id} (see: stpcollector bulletin list).");
    }

    /// <summary>Who approved each bulletin (by bulletin id), as the audit log recorded it.</summary>
    public async Task<IReadOnlyDictionary<long, string>> ApproversAsync(CancellationToken cancellationToken) =>
        (await audit.LatestAsync("bulletin", ApproveAction, cancellationToken))
        .Where(e => long.TryParse(e.Key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
        .ToDictionary(e => long.Parse(e.Key, System.Globalization.CultureInfo.InvariantCulture), e => e.Value.Actor);

    /// <summary>How many of the bulletin's messages are in each outbox status ("sent" 120, "failed" 2).</summary>
    public async Task<IReadOnlyDictionary<string, long>> DeliveryAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await DeliveryAsync(connection, id);
    }

    public static async Task<IReadOnlyDictionary<string, long>> DeliveryAsync(DbConnection connection, long id) =>
        (await OutboxMessages.ForTopicsAsync([BulletinPublisher.TopicOf(id)], connection)).Values
        .Where(d => d.Kind == BulletinPublisher.OutboxKind)
        .GroupBy(d => d.Status).OrderBy(g => g.Key, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => (long)g.Count());

    /// <summary>The text version as any reader got it (no one subscriber's unsubscribe address).</summary>
    public static string TextForReading(BulletinRecord bulletin) => UnsubscribeLinks.ForAnyReaderText(bulletin.Text);

    /// <summary>The HTML version as one self-contained page (charts as data: URIs), for a sandboxed frame.</summary>
    public async Task<string> HtmlForReadingAsync(BulletinRecord bulletin, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return archive.SelfContained(bulletin.Html, await BulletinStore.ChartsAsync(connection, null, bulletin.Id));
    }
}
