using Microsoft.Data.Sqlite;
using MimeKit;

namespace StpCollector.Ingestion;

/// <summary>
/// Lets a feature other than survey rounds own some inbound mail. The ingestion pipeline archives, dedupes and
/// triages every message, then hands it here when its reply token has this handler's kind ('f' FoI request,
/// 's' bulletin subscriber) or it replies to / bounces one of this handler's outbox kinds. The handler works
/// inside the pipeline's transaction, so its changes commit together with the message's outcome.
/// </summary>
public interface IInboundHandler
{
    /// <summary>The reply-token kind this handler owns, e.g. <see cref="Mail.ReplyToken.Foi"/>.</summary>
    char TokenKind { get; }

    /// <summary>Outbox kinds (outbox.kind) whose replies and bounces this handler owns, e.g. "bulletin".</summary>
    IReadOnlyCollection<string> OutboxKinds { get; }

    Task<InboundHandling> HandleReplyAsync(InboundReply reply, CancellationToken cancellationToken);

    Task HandleBounceAsync(InboundBounce bounce, CancellationToken cancellationToken);
}

/// <summary>
/// A reply matched to one of the handler's records: TargetId is the token's id, or the outbox row's topic id.
/// ReceivedAt is when it reached StpCollector (never the sender's Date: header); null means now.
/// </summary>
public sealed record InboundReply(
    long InboundId,
    MimeMessage Message,
    string SenderAddress,
    long TargetId,
    string? CouncilCode,
    SqliteConnection Connection,
    SqliteTransaction Transaction,
    DateTimeOffset? ReceivedAt = null);

/// <summary>A delivery failure report for a message we sent (found through its Message-ID or recipient).</summary>
public sealed record InboundBounce(
    long InboundId,
    long OutboxId,
    string OutboxKind,
    string? Topic,
    string Recipient,
    string Reason,
    bool Permanent,
    SqliteConnection Connection,
    SqliteTransaction Transaction);

/// <summary>What the handler did; Outcome is recorded on the inbound message, Detail is shown to staff.</summary>
public sealed record InboundHandling(string Outcome, string Detail, bool Held = false);
