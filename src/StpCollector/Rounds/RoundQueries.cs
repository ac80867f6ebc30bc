using Dapper;
using StpCollector.Storage;

namespace StpCollector.Rounds;

public sealed record RoundSummary(Round Round, long Councils, long Invited, long Sent, long Failed, long Bounced, long Responded, long Late);

/// <summary>One council's part in a round, as `round show` reports it.</summary>
public sealed record RoundCouncilStatus
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

public sealed class RoundQueries(Database database)
{
    private const string SummarySql = """
        SELECT r.id AS Id,
               count(rc.council_code) AS Councils,
               count(rc.invitation_outbox_id) AS Invited,
               count(CASE WHEN o.status = 'sent' THEN 1 END) AS Sent,
               count(CASE WHEN o.status = 'failed' THEN 1 END) AS Failed,
               count(rc.bounced_at) AS Bounced,
               count(ret.id) AS Responded,
               count(CASE WHEN ret.late = 1 THEN 1 END) AS Late
        FROM rounds r
        LEFT JOIN round_councils rc ON rc.round_id = r.id
        LEFT JOIN outbox o ON o.id = rc.invitation_outbox_id
        LEFT JOIN returns ret ON ret.round_id = rc.round_id AND ret.council_code = rc.council_code AND ret.is_current = 1
        """;

    private sealed record Counts(long Id, long Councils, long Invited, long Sent, long Failed, long Bounced, long Responded, long Late);

    public async Task<IReadOnlyList<RoundSummary>> ListAsync(string? status, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rounds = (await connection.QueryAsync<Round>($"{Round.SelectSql} WHERE @status IS NULL OR status = @status ORDER BY id DESC", new { status })).ToList();
        var counts = (await connection.QueryAsync<Counts>($"{SummarySql} WHERE @status IS NULL OR r.status = @status GROUP BY r.id", new { status }))
            .ToDictionary(c => c.Id);
        return rounds.Select(r => Summarise(r, counts.GetValueOrDefault(r.Id))).ToList();
    }

    public async Task<(RoundSummary Summary, IReadOnlyList<RoundCouncilStatus> Councils)> ShowAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var round = await Round.GetAsync(connection, id);
        var counts = await connection.QuerySingleOrDefaultAsync<Counts>($"{SummarySql} WHERE r.id = @id GROUP BY r.id", new { id });
        var councils = await connection.QueryAsync<RoundCouncilStatus>("""
            SELECT rc.council_code AS CouncilCode, c.name AS CouncilName,
                   (SELECT group_concat(email, ', ') FROM (SELECT x.email FROM contacts x WHERE x.council_code = rc.council_code AND x.role = 'lead' ORDER BY x.id)) AS LeadEmail,
                   rc.invitation_outbox_id AS InvitationOutboxId,
                   rc.invited_at AS InvitedAt, o.status AS InvitationStatus, o.sent_at AS InvitationSentAt, o.last_error AS InvitationError,
                   rc.bounced_at AS BouncedAt, rc.bounce_reason AS BounceReason,
                   (SELECT group_concat(slot, ',') FROM (SELECT rr.slot FROM round_reminders rr JOIN outbox ro ON ro.id = rr.outbox_id
                    WHERE rr.round_id = rc.round_id AND rr.council_code = rc.council_code AND ro.status = 'sent' ORDER BY rr.slot DESC)) AS RemindersSent,
                   ret.received_at AS RespondedAt, ret.dated_at AS DatedAt, ret.source AS ResponseSource, COALESCE(ret.late, 0) AS Late
            FROM round_councils rc
            JOIN councils c ON c.code = rc.council_code
            LEFT JOIN outbox o ON o.id = rc.invitation_outbox_id
            LEFT JOIN returns ret ON ret.round_id = rc.round_id AND ret.council_code = rc.council_code AND ret.is_current = 1
            WHERE rc.round_id = @id
            ORDER BY c.name
            """, new { id });
        return (Summarise(round, counts), councils.ToList());
    }

    private static RoundSummary Summarise(Round round, Counts? c) =>
        new(round, c?.Councils ?? 0, c?.Invited ?? 0, c?.Sent ?? 0, c?.Failed ?? 0, c?.Bounced ?? 0, c?.Responded ?? 0, c?.Late ?? 0);
}
