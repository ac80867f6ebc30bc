using System.Data.Common;
using System.Globalization;
using Dapper;
using StpCollector.Contacts;
using StpCollector.Outbox;
using StpCollector.Storage;

namespace StpCollector.Rounds;

internal sealed record RoundSummary(Round Round, long Councils, long Invited, long Sent, long Failed, long Bounced, long Responded, long Late);

/// <summary>One council's part in a round, as `round show` reports it.</summary>
internal sealed record RoundCouncilStatus
{
    public string CouncilCode { get; init; } = "";
    public string CouncilName { get; init; } = "";
    /// <summary>The council's leads now on file, comma-separated (all of them get the round's mail).</summary>
    public string? LeadEmail { get; init; }
    public long? InvitationOutboxId { get; init; }
    public DateTimeOffset? InvitedAt { get; init; }
    public string? InvitationStatus { get; init; }
    public DateTimeOffset? InvitationSentAt { get; init; }
    public string? InvitationError { get; init; }
    public DateTimeOffset? BouncedAt { get; init; }
    public string? BounceReason { get; init; }

    /// <summary>Reminder slots sent to this council, e.g. "5,2".</summary>
    public string? RemindersSent { get; init; }
    public DateTimeOffset? RespondedAt { get; init; }

    /// <summary>The council's current return in the round, if it has responded.</summary>
    public long? CurrentReturnId { get; init; }

    /// <summary>The current return's Date: header: the sender's clock, shown beside RespondedAt, never used for lateness.</summary>
    public DateTimeOffset? DatedAt { get; init; }
    public string? ResponseSource { get; init; }
    public bool Late { get; init; }

    /// <summary>Where the invitation stands, in a word or two: "not yet", "queued", "sent", "failed", "bounced", "no lead".</summary>
    public string Delivery => (BouncedAt, InvitationStatus, LeadEmail) switch
    {
        ({ }, _, _) => "bounced",
        (null, null, null) => "no lead",
        (null, null, _) => "not yet",
        (null, "pending" or "sending", _) => "queued",
        (null, var status, _) => status!,
    };
}

internal sealed class RoundQueries(Database database)
{
    private const string SummarySql = """
        SELECT r.id AS Id,
               count(rc.council_code) AS Councils,
               count(rc.invitation_outbox_id) AS Invited,
               count(rc.bounced_at) AS Bounced,
               count(ret.id) AS Responded,
               count(CASE WHEN ret.late = 1 THEN 1 END) AS Late
        FROM rounds r
        LEFT JOIN round_councils rc ON rc.round_id = r.id
        LEFT JOIN returns ret ON ret.round_id = rc.round_id AND ret.council_code = rc.council_code AND ret.is_current = 1
        """;

    private sealed record Counts(long Id, long Councils, long Invited, long Bounced, long Responded, long Late);

    private sealed record Invitations(long Sent, long Failed);

    public async Task<IReadOnlyList<RoundSummary>> ListAsync(string? status, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rounds = (await connection.QueryAsync<Round>($"{Round.SelectSql} WHERE @status IS NULL OR status = @status ORDER BY id DESC", new { status })).ToList();
        var counts = (await connection.QueryAsync<Counts>($"{SummarySql} WHERE @status IS NULL OR r.status = @status GROUP BY r.id", new { status }))
            .ToDictionary(c => c.Id);
        var invitations = await InvitationsAsync(connection, rounds.Select(r => r.Id).ToList());
        return rounds.Select(r => Summarise(r, counts.GetValueOrDefault(r.Id), invitations.GetValueOrDefault(r.Id))).ToList();
    }

    /// <summary>A round by its reference (any case) or number; null when there is none.</summary>
    public async Task<Round?> FindAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Round.FindAsync(connection, key);
    }

    public async Task<(RoundSummary Summary, IReadOnlyList<RoundCouncilStatus> Councils)> ShowAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var round = await Round.GetAsync(connection, id);
        var counts = await connection.QuerySingleOrDefaultAsync<Counts>($"{SummarySql} WHERE r.id = @id GROUP BY r.id", new { id });
        var invitations = await InvitationsAsync(connection, [id]);
        var councils = (await connection.QueryAsync<RoundCouncilStatus>("""
            SELECT rc.council_code AS CouncilCode, c.name AS CouncilName, rc.invitation_outbox_id AS InvitationOutboxId, rc.invited_at AS InvitedAt,
                   rc.bounced_at AS BouncedAt, rc.bounce_reason AS BounceReason,
                   ret.id AS CurrentReturnId, ret.received_at AS RespondedAt, ret.dated_at AS DatedAt, ret.source AS ResponseSource, COALESCE(ret.late, 0) AS Late
            FROM round_councils rc
            JOIN councils c ON c.code = rc.council_code
            LEFT JOIN returns ret ON ret.round_id = rc.round_id AND ret.council_code = rc.council_code AND ret.is_current = 1
            WHERE rc.round_id = @id
            ORDER BY c.name
            """, new { id })).ToList();
        var reminders = (await connection.QueryAsync<(string CouncilCode, long Slot, long OutboxId)>(
            "SELECT council_code, slot, outbox_id FROM round_reminders WHERE round_id = @id ORDER BY slot DESC", new { id })).ToList();
        var deliveries = await OutboxMessages.ForTopicsAsync([round.Topic], connection);
        var leads = await ContactDirectory.LeadsAsync(councils.Select(c => c.CouncilCode), connection);
        return (Summarise(round, counts, invitations.GetValueOrDefault(id)), councils.Select(c =>
        {
            var invitation = c.InvitationOutboxId is { } outboxId ? deliveries.GetValueOrDefault(outboxId) : null;
            var sent = reminders.Where(r => r.CouncilCode == c.CouncilCode && deliveries.GetValueOrDefault(r.OutboxId)?.Status == "sent")
                .Select(r => r.Slot.ToString(CultureInfo.InvariantCulture)).ToList();
            return c with
            {
                LeadEmail = leads.TryGetValue(c.CouncilCode, out var councilLeads) ? string.Join(", ", councilLeads.Select(l => l.Email)) : null,
                InvitationStatus = invitation?.Status,
                InvitationSentAt = invitation?.SentAt,
                InvitationError = invitation?.LastError,
                RemindersSent = sent.Count == 0 ? null : string.Join(",", sent),
            };
        }).ToList());
    }

    /// <summary>How many of each round's invitations were sent and how many failed, in two queries for any number of rounds.</summary>
    private static async Task<Dictionary<long, Invitations>> InvitationsAsync(DbConnection connection, IReadOnlyCollection<long> roundIds)
    {
        var invited = await connection.QueryAsync<(long RoundId, long OutboxId)>(
            $"SELECT round_id, invitation_outbox_id FROM round_councils WHERE invitation_outbox_id IS NOT NULL AND round_id {connection.In("roundIds")}", new { roundIds });
        var deliveries = await OutboxMessages.ForTopicsAsync(roundIds.Select(Round.TopicFor), connection);
        return invited.GroupBy(i => i.RoundId).ToDictionary(g => g.Key, g => new Invitations(
            g.LongCount(i => deliveries.GetValueOrDefault(i.OutboxId)?.Status == "sent"),
            g.LongCount(i => deliveries.GetValueOrDefault(i.OutboxId)?.Status == "failed")));
    }

    private static RoundSummary Summarise(Round round, Counts? c, Invitations? i) =>
        new(round, c?.Councils ?? 0, c?.Invited ?? 0, i?.Sent ?? 0, i?.Failed ?? 0, c?.Bounced ?? 0, c?.Responded ?? 0, c?.Late ?? 0);
}
