using System.Data.Common;
using Dapper;
using StpCollector.Storage;

namespace StpCollector.Outbox;

/// <summary>One message we queued, as mail coming back refers to it: by its Message-ID, or by whom it went to.</summary>
internal sealed record SentMessage(long Id, string MessageId, string Kind, string? Topic, string Recipient, string? CouncilCode);

/// <summary>
/// What incoming mail needs of the outbox: whether a Message-ID is one of ours (a loop, a reply in a thread of ours), which
/// message a delivery failure reports on, and noting a permanent failure on it. Runs on the caller's connection and
/// transaction, so the inbound message and what it says about our mail are recorded together.
/// </summary>
internal static class SentMessages
{
    private const string Select = """
        SELECT id AS Id, message_id AS MessageId, kind AS Kind, topic AS Topic, recipient AS Recipient, council_code AS CouncilCode FROM outbox
        """;

    public static Task<bool> IsOursAsync(string messageId, DbConnection connection, DbTransaction? transaction = null) =>
        connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM outbox WHERE message_id = @messageId)", new { messageId }, transaction);

    public static Task<SentMessage?> ByMessageIdAsync(string messageId, DbConnection connection, DbTransaction? transaction = null) =>
        connection.QuerySingleOrDefaultAsync<SentMessage?>($"{Select} WHERE message_id = @messageId", new { messageId }, transaction);

    /// <summary>Those of these Message-IDs that are ours; others are left out.</summary>
    public static async Task<IReadOnlyList<SentMessage>> ByMessageIdsAsync(IReadOnlyCollection<string> messageIds, DbConnection connection, DbTransaction? transaction = null) =>
        (await connection.QueryAsync<SentMessage>($"{Select} WHERE message_id {connection.In("messageIds")}", new { messageIds }, transaction)).ToList();

    /// <summary>The message sent to this address most recently: the one a failure report naming only the recipient is about.</summary>
    public static Task<SentMessage?> LatestSentToAsync(string recipient, DbConnection connection, DbTransaction? transaction = null) =>
        connection.QueryFirstOrDefaultAsync<SentMessage?>(
            $"{Select} WHERE recipient = @recipient AND status = 'sent' ORDER BY sent_at DESC, id DESC LIMIT 1", new { recipient }, transaction);

    /// <summary>Notes a permanent delivery failure on the message.</summary>
    public static Task MarkBouncedAsync(long id, string reason, DateTimeOffset at, DbConnection connection, DbTransaction? transaction = null) =>
        connection.ExecuteAsync("UPDATE outbox SET bounced_at = @at, bounce_reason = @reason WHERE id = @id",
            new { at = DapperSetup.Format(at), reason, id }, transaction);
}
