using System.Data.Common;
using MimeKit;
using StpCollector.Mail;
using StpCollector.Outbox;

namespace StpCollector.Ingestion;

/// <summary>
/// Lets a feature own some inbound mail (survey rounds, FoI requests, bulletin subscribers). The ingestion pipeline
/// archives, dedupes and triages every message, then asks the handlers, in order: whose reply token is it (the token's
/// kind), whose outbox message does it answer (In-Reply-To/References, by outbox kind), whose address was it sent to,
/// whose reference is in the subject, whose correspondent is the sender. The handler that claims it is handed the message; bounces go to the
/// handler owning the bounced message's outbox kind. The handler works inside the pipeline's transaction, so its
/// changes commit together with the message's outcome.
/// </summary>
internal interface IInboundHandler
{
    /// <summary>The reply-token kind this handler owns, e.g. <see cref="ReplyToken.Foi"/>.</summary>
    char TokenKind { get; }

    /// <summary>Outbox kinds (outbox.kind) whose replies and bounces this handler owns, e.g. "bulletin".</summary>
    IReadOnlyCollection<string> OutboxKinds { get; }

    /// <summary>A verified reply token of this handler's kind, found in <paramref name="address"/>; by default the token's id is the target.</summary>
    Task<InboundClaim?> ClaimTokenAsync(ReplyToken token, string address, InboundLookup lookup) =>
        Task.FromResult<InboundClaim?>(new InboundClaim(token.Id, null));

    /// <summary>A reply to one of this handler's outbox messages; null lets the next referenced message be tried.</summary>
    Task<InboundClaim?> ClaimThreadAsync(OutboxReference sent, InboundLookup lookup) =>
        Task.FromResult<InboundClaim?>(new InboundClaim(sent.Topic?.Id ?? 0, sent.CouncilCode));

    /// <summary>A message to one of this handler's own addresses (e.g. the bulletin's feedback address); null when none is.</summary>
    Task<InboundClaim?> ClaimByRecipientAsync(IReadOnlyList<string> recipients, string sender, InboundLookup lookup) => Task.FromResult<InboundClaim?>(null);

    /// <summary>A reference of this handler's in the subject; null when there is none.</summary>
    Task<InboundClaim?> ClaimBySubjectAsync(string subject, string sender, InboundLookup lookup) => Task.FromResult<InboundClaim?>(null);

    /// <summary>The last resort: the sender alone says what the message is about; null when this handler cannot tell.</summary>
    Task<InboundClaim?> ClaimBySenderAsync(string sender, InboundLookup lookup) => Task.FromResult<InboundClaim?>(null);

    Task<InboundHandling> HandleReplyAsync(InboundReply reply, CancellationToken cancellationToken);

    Task HandleBounceAsync(InboundBounce bounce, CancellationToken cancellationToken);
}

/// <summary>The pipeline's connection and transaction, for handlers deciding whether a message is theirs.</summary>
internal sealed record InboundLookup(DbConnection Connection, DbTransaction Transaction);

/// <summary>One of our sent messages (an outbox row) that a reply refers to.</summary>
internal sealed record OutboxReference(string MessageId, string Kind, Topic? Topic, string? CouncilCode);

/// <summary>
/// A handler's answer to "is this message yours?": its target (the token's id, the topic's id) and council; or, with
/// Problem, "mine, but it cannot be taken as it is" (the message is held). RoundId is recorded on the inbound message.
/// </summary>
internal sealed record InboundClaim(long TargetId, string? CouncilCode, string? Problem = null, long? RoundId = null)
{
    public static InboundClaim Unclear(string problem, long? roundId = null, string? councilCode = null) => new(0, councilCode, problem, roundId);
}

/// <summary>
/// A reply matched to one of the handler's records: TargetId is the token's id, or the outbox row's topic id.
/// ReceivedAt is when it reached StpCollector (never the sender's Date: header); null means now. Method is how it was
/// matched ("token", "in_reply_to", "recipient", "subject", "sender", "staff").
/// </summary>
internal sealed record InboundReply(
    long InboundId,
    MimeMessage Message,
    string SenderAddress,
    long TargetId,
    string? CouncilCode,
    DbConnection Connection,
    DbTransaction Transaction,
    DateTimeOffset? ReceivedAt = null,
    string? Method = null);

/// <summary>A delivery failure report for a message we sent (found through its Message-ID or recipient).</summary>
internal sealed record InboundBounce(
    long InboundId,
    long OutboxId,
    string OutboxKind,
    string? Topic,
    string Recipient,
    string Reason,
    bool Permanent,
    DbConnection Connection,
    DbTransaction Transaction);

/// <summary>
/// What the handler did; Outcome is recorded on the inbound message, Detail is shown to staff. A handler that stores
/// what the message carries (a survey return) gives the whole outcome to record instead, as Recorded.
/// </summary>
internal sealed record InboundHandling(string Outcome, string Detail, bool Held = false)
{
    public Outcome? Recorded { get; init; }

    public static InboundHandling As(Outcome outcome) => new(outcome.Name.Text(), outcome.Reason, outcome.Name == InboundOutcome.Held) { Recorded = outcome };
}
