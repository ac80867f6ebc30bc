using System.Data.Common;
using StpCollector.Contacts;
using StpCollector.Ingestion;
using StpCollector.Outbox;

namespace StpCollector.Bulletins;

/// <summary>Where a piece of feedback comes from: the bulletin it answers and the council of the person writing.</summary>
internal static class FeedbackOrigin
{
    /// <summary>
    /// The bulletin answered: matched through the bulletin's Message-ID the target is the bulletin itself; through the
    /// subscriber's signed address, the thread headers name it, or else it is the last bulletin sent to them; null if none.
    /// </summary>
    public static async Task<long?> BulletinAsync(InboundReply reply, bool byToken, string subscriberEmail)
    {
        if (!byToken && reply.TargetId > 0)
            return reply.TargetId;
        if (await InThreadAsync(reply.Message, reply.Connection, reply.Transaction) is { } inThread)
            return inThread;
        return await SentMessages.LatestSentToAsync(subscriberEmail, reply.Connection, reply.Transaction) is { } latest ? BulletinOf(latest) : null;
    }

    /// <summary>The bulletin the message's In-Reply-To or References name, when one of them is a bulletin we sent; null otherwise.</summary>
    public static async Task<long?> InThreadAsync(MimeKit.MimeMessage message, DbConnection connection, DbTransaction transaction)
    {
        var ids = message.References.Prepend(message.InReplyTo ?? "").Select(i => i.Trim('<', '>')).Where(i => i.Length > 0).ToList();
        var threaded = ids.Count == 0 ? [] : await SentMessages.ByMessageIdsAsync(ids, connection, transaction);
        return threaded.Select(BulletinOf).FirstOrDefault(b => b is not null);
    }

    private static long? BulletinOf(SentMessage sent) =>
        sent.Kind == BulletinPublisher.OutboxKind && Topic.ParseOrNull(sent.Topic) is { } topic && topic.Is("bulletin") ? topic.Id : null;

    /// <summary>The council whose contact this address is, or failing that the one council with contacts on its mail domain; null when unclear.</summary>
    public static async Task<string?> CouncilAsync(string sender, DbConnection connection, DbTransaction transaction)
    {
        var address = EmailAddress.Normalise(sender);
        var councils = await ContactDirectory.CouncilsOfAsync(address, connection, transaction);
        if (councils.Count == 0)
            councils = await ContactDirectory.CouncilsOnDomainAsync(EmailAddress.DomainOf(address), connection, transaction);
        return councils.Count == 1 ? councils[0] : null;
    }
}
