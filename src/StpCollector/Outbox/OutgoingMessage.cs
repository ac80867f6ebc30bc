using MimeKit;

namespace StpCollector.Outbox;

/// <summary>
/// A message to queue. Kind says what it is (invitation, reminder, receipt, bulletin, ...); Topic and CouncilCode
/// say what it belongs to, so a reply or bounce that quotes its Message-ID can be traced back.
/// </summary>
public sealed record OutgoingMessage(string Kind, string? Topic, string? CouncilCode, MimeMessage Message);
