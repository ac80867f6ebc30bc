using System.Data.Common;
using MimeKit;
using StpCollector.Mail;
using StpCollector.Outbox;

namespace StpCollector.Ingestion;

/// <summary>How a reply was matched, and to which feature's handler and record; or why it was not.</summary>
internal sealed record ReplyMatch(string? Method, IInboundHandler? Handler, long TargetId = 0, string? CouncilCode = null, string? Problem = null, long? RoundId = null)
{
    public bool Matched => Problem is null && Handler is not null;

    public static ReplyMatch Unmatched(string problem, string? method = null) => new(method, null, Problem: problem);

    public static ReplyMatch Claimed(string method, IInboundHandler handler, InboundClaim claim) =>
        new(method, handler, claim.TargetId, claim.CouncilCode, claim.Problem, claim.RoundId);
}

/// <summary>
/// Matches a reply, in order: a reply token in a recipient header; In-Reply-To/References to our Message-IDs;
/// a feature's own address among the recipients; a feature's reference in the subject; the sender's address. Each step asks the handlers (<see cref="IInboundHandler"/>),
/// which decide what is theirs. A token that fails verification is never trusted: the message is held.
/// </summary>
internal sealed class ReplyMatcher(ReplyTokens tokens, IEnumerable<IInboundHandler> handlers)
{
    private static readonly string[] RecipientHeaders = ["Delivered-To", "X-Original-To", "To", "Cc", "Envelope-To"];
    private readonly IReadOnlyList<IInboundHandler> handlers = handlers.ToList();

    public async Task<ReplyMatch> MatchAsync(MimeMessage message, string sender, DbConnection connection, DbTransaction transaction, string replyLocalPart, string replyDomain)
    {
        var lookup = new InboundLookup(connection, transaction);
        var byToken = await ByTokenAsync(message, lookup, replyLocalPart, replyDomain);
        if (byToken is not null)
            return byToken;
        var byThread = await ByThreadAsync(message, lookup);
        if (byThread is not null)
            return byThread;
        var recipients = RecipientAddresses(message).ToList();
        foreach (var handler in handlers)
        {
            if (await handler.ClaimByRecipientAsync(recipients, sender, lookup) is { } claim)
                return ReplyMatch.Claimed("recipient", handler, claim);
        }

        var subject = message.Subject ?? "";
        if (subject.Length > 0)
        {
            foreach (var handler in handlers)
            {
                if (await handler.ClaimBySubjectAsync(subject, sender, lookup) is { } claim)
                    return ReplyMatch.Claimed("subject", handler, claim);
            }
        }

        foreach (var handler in handlers)
        {
            // A sender that says nothing certain is no match at all, so no method is recorded for it.
            if (await handler.ClaimBySenderAsync(sender, lookup) is { } claim)
                return claim.Problem is null ? ReplyMatch.Claimed("sender", handler, claim) : ReplyMatch.Unmatched(claim.Problem) with { RoundId = claim.RoundId };
        }

        return ReplyMatch.Unmatched($"no reply token, no reference to our mail, and nothing here knows the sender {sender}");
    }

    private async Task<ReplyMatch?> ByTokenAsync(MimeMessage message, InboundLookup lookup, string localPart, string domain)
    {
        string? tampered = null;
        foreach (var address in RecipientAddresses(message))
        {
            var at = address.LastIndexOf('@');
            if (at < 0 || !address[(at + 1)..].Equals(domain, StringComparison.OrdinalIgnoreCase)
                || !address.StartsWith(localPart + "+", StringComparison.OrdinalIgnoreCase))
                continue;
            var token = tokens.FromAddress(address);
            if (token is null)
            {
                tampered ??= address;
                continue;
            }

            var handler = handlers.FirstOrDefault(h => h.TokenKind == token.Kind);
            if (handler is null)
                return ReplyMatch.Unmatched($"the reply address {address} is of kind '{token.Kind}', which nothing here handles", "token");
            var claim = await handler.ClaimTokenAsync(token, address, lookup);
            return claim is null
                ? ReplyMatch.Unmatched($"the reply address {address} names {token.Kind}{token.Id}, which nothing here knows", "token")
                : ReplyMatch.Claimed("token", handler, claim);
        }

        return tampered is null ? null : ReplyMatch.Unmatched(
            $"the reply address {tampered} carries a token that fails verification (altered, or signed with another key); it is not trusted", "token");
    }

    private async Task<ReplyMatch?> ByThreadAsync(MimeMessage message, InboundLookup lookup)
    {
        var ids = new List<string>();
        if (message.InReplyTo is { Length: > 0 } inReplyTo)
            ids.Add(inReplyTo.Trim('<', '>'));
        ids.AddRange(message.References.Reverse().Select(r => r.Trim('<', '>')));
        if (ids.Count == 0)
            return null;
        var rows = await SentMessages.ByMessageIdsAsync(ids, lookup.Connection, lookup.Transaction);
        foreach (var id in ids)
        {
            var row = rows.FirstOrDefault(r => r.MessageId == id);
            if (row is null)
                continue;
            var handler = handlers.FirstOrDefault(h => h.OutboxKinds.Contains(row.Kind));
            if (handler is not null
                && await handler.ClaimThreadAsync(new OutboxReference(row.MessageId, row.Kind, Topic.ParseOrNull(row.Topic), row.CouncilCode), lookup) is { } claim)
                return ReplyMatch.Claimed("in_reply_to", handler, claim);
        }

        return null;
    }

    private static IEnumerable<string> RecipientAddresses(MimeMessage message)
    {
        foreach (var name in RecipientHeaders)
        {
            foreach (var header in message.Headers.Where(h => h.Field.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                if (InternetAddressList.TryParse(header.Value, out var list))
                {
                    foreach (var mailbox in list.Mailboxes)
                        yield return mailbox.Address;
                }
                else
                {
                    yield return header.Value.Trim().Trim('<', '>');
                }
            }
        }
    }
}
