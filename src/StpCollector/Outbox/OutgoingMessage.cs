using MimeKit;

namespace StpCollector.Outbox;

/// <summary>
/// A message to queue. Kind says what it is (invitation, reminder, receipt, bulletin, ...); Topic and CouncilCode
/// say what it belongs to, so a reply or bounce that quotes its Message-ID can be traced back. A message with ExpiresAt
/// is never sent after it (a reminder is no use once its round has closed).
/// </summary>
internal sealed record OutgoingMessage(string Kind, string? Topic, string? CouncilCode, MimeMessage Message, DateTimeOffset? ExpiresAt = null);
