using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;
using MimeKit;
using StpCollector.Contacts;
using StpCollector.Mail;

namespace StpCollector.Ingestion;

/// <summary>How a reply was matched, to a round and council or to another feature's handler; or why it was not.</summary>
public sealed record ReplyMatch(string? Method, RoundInfo? Round, string? CouncilCode, IInboundHandler? Handler = null, long HandlerTargetId = 0, string? Problem = null)
{
    public bool Matched => Problem is null && (Round is not null && CouncilCode is not null || Handler is not null);

    public static ReplyMatch Unmatched(string problem, string? method = null, RoundInfo? round = null, string? councilCode = null) =>
        new(method, round, councilCode, Problem: problem);
}

/// <summary>
/// Matches a reply, in order: a reply token in a recipient header; In-Reply-To/References to our Message-IDs;
/// a round reference in the subject; the sender's address when it belongs to exactly one council with exactly one
/// open round. A token that fails verification is never trusted: the message is held.
/// </summary>
public sealed partial class ReplyMatcher(ReplyTokens tokens, IEnumerable<IInboundHandler> handlers)
{
    private static readonly string[] RecipientHeaders = ["Delivered-To", "X-Original-To", "To", "Cc", "Envelope-To"];
    private readonly IReadOnlyList<IInboundHandler> handlers = handlers.ToList();

    public async Task<ReplyMatch> MatchAsync(MimeMessage message, string sender, SqliteConnection connection, SqliteTransaction transaction, string replyLocalPart, string replyDomain)
    {
        var byToken = await ByTokenAsync(message, connection, transaction, replyLocalPart, replyDomain);
        if (byToken is not null)
            return byToken;
        var byThread = await ByThreadAsync(message, connection, transaction);
        if (byThread is not null)
            return byThread;
        var bySubject = await BySubjectAsync(message.Subject ?? "", sender, connection, transaction);
        if (bySubject is not null)
            return bySubject;
        return await BySenderAsync(sender, connection, transaction);
    }

    private async Task<ReplyMatch?> ByTokenAsync(MimeMessage message, SqliteConnection connection, SqliteTransaction transaction, string localPart, string domain)
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

            if (token.Kind == ReplyToken.Round)
            {
                var round = await RoundLookup.ByIdAsync(connection, transaction, token.Id);
                return round is null
                    ? ReplyMatch.Unmatched($"the reply address {address} names round {token.Id}, which does not exist", "token")
                    : new ReplyMatch("token", round, token.Subject.ToUpperInvariant());
            }

            var handler = handlers.FirstOrDefault(h => h.TokenKind == token.Kind);
            return handler is null
                ? ReplyMatch.Unmatched($"the reply address {address} is of kind '{token.Kind}', which nothing here handles", "token")
                : new ReplyMatch("token", null, null, handler, token.Id);
        }

        return tampered is null ? null : ReplyMatch.Unmatched(
            $"the reply address {tampered} carries a token that fails verification (altered, or signed with another key); it is not trusted", "token");
    }

    private async Task<ReplyMatch?> ByThreadAsync(MimeMessage message, SqliteConnection connection, SqliteTransaction transaction)
    {
        var ids = new List<string>();
        if (message.InReplyTo is { Length: > 0 } inReplyTo)
            ids.Add(inReplyTo.Trim('<', '>'));
        ids.AddRange(message.References.Reverse().Select(r => r.Trim('<', '>')));
        if (ids.Count == 0)
            return null;
        var rows = (await connection.QueryAsync<(string MessageId, string Kind, string? Topic, string? CouncilCode)>(
            "SELECT message_id, kind, topic, council_code FROM outbox WHERE message_id IN @ids", new { ids }, transaction)).ToList();
        foreach (var id in ids)
        {
            var row = rows.FirstOrDefault(r => r.MessageId == id);
            if (row.MessageId is null)
                continue;
            var handler = handlers.FirstOrDefault(h => h.OutboxKinds.Contains(row.Kind));
            if (handler is not null)
                return new ReplyMatch("in_reply_to", null, row.CouncilCode, handler, TopicId(row.Topic) ?? 0);
            if (row.Topic is not null && row.Topic.StartsWith("round:", StringComparison.Ordinal) && row.CouncilCode is not null
                && TopicId(row.Topic) is { } roundId && await RoundLookup.ByIdAsync(connection, transaction, roundId) is { } round)
                return new ReplyMatch("in_reply_to", round, row.CouncilCode);
        }

        return null;
    }

    private static async Task<ReplyMatch?> BySubjectAsync(string subject, string sender, SqliteConnection connection, SqliteTransaction transaction)
    {
        if (subject.Length == 0)
            return null;
        var rounds = await RoundLookup.AllAsync(connection, transaction);
        var round = rounds.Where(r => Regex.IsMatch(subject, $@"(?<![A-Za-z0-9]){Regex.Escape(r.Reference)}(?![A-Za-z0-9])", RegexOptions.IgnoreCase))
            .OrderByDescending(r => r.Reference.Length).FirstOrDefault();
        if (round is null)
            return null;
        var councils = (await connection.QueryAsync<string>("""
            SELECT DISTINCT ct.council_code FROM contacts ct
            JOIN round_councils rc ON rc.council_code = ct.council_code AND rc.round_id = @roundId
            WHERE ct.email = @sender
            """, new { roundId = round.Id, sender }, transaction)).ToList();
        if (councils.Count == 0)
        {
            councils = (await connection.QueryAsync<string>("""
                SELECT DISTINCT ct.council_code FROM contacts ct
                JOIN round_councils rc ON rc.council_code = ct.council_code AND rc.round_id = @roundId
                WHERE ct.email LIKE '%@' || @domain
                """, new { roundId = round.Id, domain = EmailAddress.DomainOf(sender) }, transaction)).ToList();
        }

        return councils.Count == 1
            ? new ReplyMatch("subject", round, councils[0])
            : ReplyMatch.Unmatched(councils.Count == 0
                ? $"the subject names round {round.Reference}, but the sender {sender} is not a contact of any council in it, nor on a council's domain"
                : $"the subject names round {round.Reference}, but the sender's domain belongs to {councils.Count} councils in it ({string.Join(", ", councils)})", "subject", round);
    }

    private static async Task<ReplyMatch> BySenderAsync(string sender, SqliteConnection connection, SqliteTransaction transaction)
    {
        var councils = (await connection.QueryAsync<string>("SELECT DISTINCT council_code FROM contacts WHERE email = @sender", new { sender }, transaction)).ToList();
        if (councils.Count == 0)
            return ReplyMatch.Unmatched($"no reply token, no reference to our mail or a round, and the sender {sender} is not a known contact");
        var open = (await connection.QueryAsync<(long RoundId, string CouncilCode)>("""
            SELECT r.id, rc.council_code FROM rounds r JOIN round_councils rc ON rc.round_id = r.id
            WHERE r.status = 'open' AND rc.council_code IN @councils
            """, new { councils }, transaction)).ToList();
        if (open.Count == 1)
            return new ReplyMatch("sender", await RoundLookup.ByIdAsync(connection, transaction, open[0].RoundId), open[0].CouncilCode);
        var who = $"the sender {sender} is a contact of {string.Join(", ", councils)}";
        return ReplyMatch.Unmatched(open.Count == 0
            ? $"{who}, which has no open round; nothing else says which round this answers"
            : $"{who}, with {open.Count} open rounds between them; put the round reference in the subject or use the reply address from the invitation");
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

    private static long? TopicId(string? topic) =>
        topic is not null && topic.IndexOf(':') is var colon and >= 0 && long.TryParse(topic[(colon + 1)..], out var id) ? id : null;
}
