using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.Options;
using StpCollector.Storage;
using StpCollector.Contacts;
using StpCollector.Ingestion;
using StpCollector.Mail;

namespace StpCollector.Rounds;

/// <summary>
/// Survey returns by email: a reply to a round's invitation, reminder or receipt (by its reply token or Message-ID),
/// a mail naming the round's reference in the subject, or, failing those, a mail from a contact of exactly one council
/// with exactly one open round. The reply is stored as that council's return, with a receipt; bounces of invitations
/// and reminders mark the council as unreachable.
/// </summary>
internal sealed class RoundsInboundHandler(RoundReturnIntake intake, IOptions<IngestionOptions> options, TimeProvider clock) : IInboundHandler
{
    public char TokenKind => ReplyToken.Round;

    public IReadOnlyCollection<string> OutboxKinds { get; } = [RoundMailBuilder.Invitation, RoundMailBuilder.Reminder, ReceiptWriter.OutboxKind];

    public async Task<InboundClaim?> ClaimTokenAsync(ReplyToken token, string address, InboundLookup lookup) =>
        await Round.FindAsync(lookup.Connection, token.Id, lookup.Transaction) is { } round
            ? new InboundClaim(round.Id, token.Subject.ToUpperInvariant(), RoundId: round.Id)
            : InboundClaim.Unclear($"the reply address {address} names round {token.Id}, which does not exist");

    public async Task<InboundClaim?> ClaimThreadAsync(OutboxReference sent, InboundLookup lookup) =>
        sent.Topic is { } topic && topic.Is(Round.TopicFeature) && sent.CouncilCode is not null
        && await Round.FindAsync(lookup.Connection, topic.Id!.Value, lookup.Transaction) is { } round
            ? new InboundClaim(round.Id, sent.CouncilCode, RoundId: round.Id)
            : null;

    public async Task<InboundClaim?> ClaimBySubjectAsync(string subject, string sender, InboundLookup lookup)
    {
        var (connection, transaction) = (lookup.Connection, lookup.Transaction);
        var rounds = await Round.AllAsync(connection, transaction);
        var round = rounds.Where(r => Regex.IsMatch(subject, $@"(?<![A-Za-z0-9]){Regex.Escape(r.Reference)}(?![A-Za-z0-9])", RegexOptions.IgnoreCase))
            .OrderByDescending(r => r.Reference.Length).FirstOrDefault();
        if (round is null)
            return null;
        var councils = await InRoundAsync(round.Id, await ContactDirectory.CouncilsOfAsync(sender, connection, transaction), lookup);
        if (councils.Count == 0)
            councils = await InRoundAsync(round.Id, await ContactDirectory.CouncilsOnDomainAsync(EmailAddress.DomainOf(sender), connection, transaction), lookup);

        return councils.Count == 1
            ? new InboundClaim(round.Id, councils[0], RoundId: round.Id)
            : InboundClaim.Unclear(councils.Count == 0
                ? $"the subject names round {round.Reference}, but the sender {sender} is not a contact of any council in it, nor on a council's domain"
                : $"the subject names round {round.Reference}, but the sender's domain belongs to {councils.Count} councils in it ({string.Join(", ", councils)})", round.Id);
    }

    /// <summary>Those of the councils that the round was sent to, in the order given.</summary>
    private static async Task<IReadOnlyList<string>> InRoundAsync(long roundId, IReadOnlyList<string> councils, InboundLookup lookup)
    {
        if (councils.Count == 0)
            return councils;
        var inRound = (await lookup.Connection.QueryAsync<string>(
            $"SELECT council_code FROM round_councils WHERE round_id = @roundId AND council_code {lookup.Connection.In("councils")}",
            new { roundId, councils }, lookup.Transaction)).ToHashSet(StringComparer.Ordinal);
        return councils.Where(inRound.Contains).ToList();
    }

    public async Task<InboundClaim?> ClaimBySenderAsync(string sender, InboundLookup lookup)
    {
        var (connection, transaction) = (lookup.Connection, lookup.Transaction);
        var councils = await ContactDirectory.CouncilsOfAsync(sender, connection, transaction);
        if (councils.Count == 0)
            return InboundClaim.Unclear($"no reply token, no reference to our mail or a round, and the sender {sender} is not a known contact");
        var open = (await connection.QueryAsync<(long RoundId, string CouncilCode)>($"""
            SELECT r.id, rc.council_code FROM rounds r JOIN round_councils rc ON rc.round_id = r.id
            WHERE r.status = 'open' AND rc.council_code {connection.In("councils")}
            """, new { councils }, transaction)).ToList();
        if (open.Count == 1)
            return new InboundClaim(open[0].RoundId, open[0].CouncilCode, RoundId: open[0].RoundId);
        var who = $"the sender {sender} is a contact of {string.Join(", ", councils)}";
        return InboundClaim.Unclear(open.Count == 0
            ? $"{who}, which has no open round; nothing else says which round this answers"
            : $"{who}, with {open.Count} open rounds between them; put the round reference in the subject or use the reply address from the invitation");
    }

    /// <summary>Checks the sender may answer for the council, then stores the return (or holds the message, saying why).</summary>
    public async Task<InboundHandling> HandleReplyAsync(InboundReply reply, CancellationToken cancellationToken)
    {
        var (connection, transaction) = (reply.Connection, reply.Transaction);
        var round = await Round.FindAsync(connection, reply.TargetId, transaction)
            ?? throw new InvalidOperationException($"Round {reply.TargetId} was matched but cannot be read.");
        var councilCode = reply.CouncilCode!;
        var senderProblem = await SenderCheckRule.ProblemAsync(options.Value.SenderCheck, reply.SenderAddress, councilCode, connection, transaction);
        if (senderProblem is not null)
            return InboundHandling.As(new Outcome(InboundOutcome.Held, $"matched to {councilCode} in {round.Reference} by {reply.Method}, but {senderProblem}", reply.Method, round.Id, councilCode));
        var incoming = new IncomingReturn(reply.InboundId, reply.Message, InboundRecord.MessageIdOf(reply.Message), reply.SenderAddress, reply.ReceivedAt ?? clock.GetUtcNow());
        var outcome = await intake.StoreAsync(incoming, round, councilCode, reply.Method, sendReceipt: options.Value.SendReceipts, connection, transaction);
        return InboundHandling.As(outcome.NoReceipt is { } why ? outcome with { Reason = $"{outcome.Reason}; no receipt sent: {why}" } : outcome);
    }

    /// <summary>A council whose invitation or reminder cannot be delivered gets no further reminders.</summary>
    public async Task HandleBounceAsync(InboundBounce bounce, CancellationToken cancellationToken)
    {
        if (bounce.Permanent && bounce.OutboxKind is RoundMailBuilder.Invitation or RoundMailBuilder.Reminder)
            await RoundDelivery.RecordBounceAsync(bounce.Connection, bounce.Transaction, bounce.OutboxId, bounce.Reason, clock.GetUtcNow());
    }
}
