using System.Data.Common;
using StpCollector.Mail;
using StpCollector.Storage;

namespace StpCollector.Bulletins;

internal enum UnsubscribeLinkState
{
    /// <summary>The token is forged, altered, or its subscriber was removed: nothing is changed, nothing is revealed.</summary>
    NotRecognised,
    Subscribed,
    AlreadyUnsubscribed,
}

/// <summary>What the unsubscribe link shows: whether it is valid, and the address it stands for, partly hidden.</summary>
internal sealed record UnsubscribeLink(UnsubscribeLinkState State, long? SubscriberId, string MaskedEmail);

/// <summary>
/// RFC 8058 one-click unsubscribe from the bulletin's signed link: reading the link changes nothing (mail scanners follow
/// links); only a POST unsubscribes. A token is an HMAC-signed subscriber id, so a forged or altered one matches no one.
/// </summary>
internal sealed class OneClickUnsubscribe(Database database, ReplyTokens tokens, TimeProvider clock)
{
    public async Task<UnsubscribeLink> ReadAsync(string token, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var subscriber = await FindAsync(connection, token);
        return subscriber is null
            ? new UnsubscribeLink(UnsubscribeLinkState.NotRecognised, null, "")
            : new UnsubscribeLink(subscriber.Status == SubscriberStore.Active ? UnsubscribeLinkState.Subscribed : UnsubscribeLinkState.AlreadyUnsubscribed,
                subscriber.Id, Mask(subscriber.Email));
    }

    /// <summary>Unsubscribes the link's subscriber; returns the state before (NotRecognised changes nothing).</summary>
    public async Task<UnsubscribeLink> UnsubscribeAsync(string token, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        var subscriber = await FindAsync(connection, token);
        if (subscriber is null)
            return new UnsubscribeLink(UnsubscribeLinkState.NotRecognised, null, "");
        var changed = await SubscriberStore.SetStatusAsync(connection, transaction, subscriber.Id, SubscriberStore.Unsubscribed,
            "one-click unsubscribe link", clock.GetUtcNow());
        await transaction.CommitAsync(cancellationToken);
        return new UnsubscribeLink(changed > 0 ? UnsubscribeLinkState.Subscribed : UnsubscribeLinkState.AlreadyUnsubscribed, subscriber.Id, Mask(subscriber.Email));
    }

    private async Task<Subscriber?> FindAsync(DbConnection connection, string token)
    {
        if (token.Length > 200 || tokens.Verify(token) is not { Kind: ReplyToken.Subscriber } verified)
            return null;
        var subscriber = await SubscriberStore.FindAsync(connection, null, verified.Id);
        // The stored token must match too: a link from before the subscriber was removed and re-added stays dead.
        return subscriber is not null && string.Equals(subscriber.UnsubscribeToken, token.Trim(), StringComparison.OrdinalIgnoreCase) ? subscriber : null;
    }

    /// <summary>"j***@example.org": enough for the person to recognise their address, not enough to harvest it.</summary>
    public static string Mask(string email)
    {
        var at = email.IndexOf('@');
        return at <= 0 ? "***" : $"{email[0]}***{email[at..]}";
    }
}
