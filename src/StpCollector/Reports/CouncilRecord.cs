using Dapper;
using StpCollector.Contacts;
using StpCollector.Questionnaires;
using StpCollector.Reference;
using StpCollector.Rounds;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Reports;

/// <summary>A council's whole record, as `councils show` prints it: who it is, who we write to, and everything that passed between us.</summary>
internal sealed record CouncilRecord(
    Council Council, IReadOnlyList<CouncilRecord.FootprintRef> Footprints, IReadOnlyList<Contact> Contacts, IReadOnlyList<CouncilRecord.RoundPart> Rounds,
    IReadOnlyList<CouncilRecord.FoiPart> FoiRequests, IReadOnlyList<CouncilRecord.HeldItem> Held, IReadOnlyList<CouncilRecord.Bounce> Bounces)
{
    public sealed record FootprintRef(string Id, string Name);

    public sealed record RoundPart
    {
        public long RoundId { get; init; }
        public string Reference { get; init; } = "";
        public string Title { get; init; } = "";
        public string Status { get; init; } = "";
        public DateTimeOffset ClosesAt { get; init; }
        /// <summary>Every address in the invitation's To (all the council's leads when it was sent).</summary>
        public string? InvitedTo => InvitationMime is null ? null
            : string.Join(", ", MimeKit.MimeMessage.Load(new MemoryStream(InvitationMime)).To.Mailboxes.Select(m => m.Address));

        [System.Text.Json.Serialization.JsonIgnore]
        public byte[]? InvitationMime { get; init; }
        public DateTimeOffset? InvitedAt { get; init; }
        public string? InvitationStatus { get; init; }
        public DateTimeOffset? InvitationSentAt { get; init; }
        public DateTimeOffset? BouncedAt { get; init; }
        public string? BounceReason { get; init; }
        public long RemindersScheduled { get; init; }
        public long RemindersByHand { get; init; }
        public IReadOnlyList<ReturnView> Returns { get; set; } = [];

        public ReturnView? Current => Returns.FirstOrDefault(r => r.IsCurrent);

        /// <summary>Where the invitation stands, in words: "sent 2 November 2026 09:00", "bounced: ...", "not invited (...)".</summary>
        [System.Text.Json.Serialization.JsonIgnore]
        public string Delivery => BouncedAt is not null ? $"bounced: {BounceReason}"
            : InvitationStatus is null ? "not invited (no lead, or the round has not opened)"
            : InvitationStatus == "sent" ? $"sent {Calendar.LondonTime.Describe(InvitationSentAt!.Value)}"
            : InvitationStatus;
    }

    public sealed record FoiPart
    {
        public long Id { get; init; }
        public string Title { get; init; } = "";
        public string Recipient { get; init; } = "";
        public string Status { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? SentAt { get; init; }
        public IReadOnlyList<FoiAnswer> Answers { get; set; } = [];
    }

    public sealed record FoiAnswer
    {
        public long RequestId { get; init; }
        public string QuestionId { get; init; } = "";
        public string? Raw { get; init; }
        public string? Value { get; init; }
        public string Status { get; init; } = "";
        public string? Problem { get; init; }
        public string? Note { get; init; }
        public string Source { get; init; } = "";
        public DateTimeOffset RecordedAt { get; init; }
    }

    public sealed record HeldItem
    {
        public long Id { get; init; }
        public DateTimeOffset ReceivedAt { get; init; }
        public string? Sender { get; init; }
        public string? Subject { get; init; }
        public string SourceName { get; init; } = "";
        public string Outcome { get; init; } = "";
        public string Reason { get; init; } = "";
        public DateTimeOffset? ResolvedAt { get; init; }
        public string? ResolvedNote { get; init; }
    }

    public sealed record Bounce
    {
        public DateTimeOffset At { get; init; }
        public string Recipient { get; init; } = "";
        public string? Status { get; init; }
        public string Reason { get; init; } = "";
        public bool Permanent { get; init; }
        public string? Kind { get; init; }
        public long? OutboxId { get; init; }
    }
}

internal sealed class CouncilRecordReader(Database database, CouncilDirectory councils, ContactDirectory contacts, QuestionnaireCatalog catalog)
{
    public async Task<CouncilRecord> ReadAsync(string code, CancellationToken cancellationToken)
    {
        var council = await councils.FindAsync(code.Trim(), cancellationToken)
            ?? throw new NotFoundProblem($"There is no council '{code.Trim()}'. See the codes with: stpcollector councils list", field: "council");
        await using var connection = await database.OpenAsync(cancellationToken);
        var footprints = (await connection.QueryAsync<CouncilRecord.FootprintRef>("""
            SELECT f.id AS Id, f.name AS Name FROM council_footprints cf JOIN footprints f ON f.id = cf.footprint_id WHERE cf.council_code = @Code ORDER BY f.name
            """, council)).ToList();
        var people = await contacts.ListAsync(council.Code, cancellationToken: cancellationToken);

        var rounds = (await connection.QueryAsync<CouncilRecord.RoundPart>("""
            SELECT r.id AS RoundId, r.reference AS Reference, r.title AS Title, r.status AS Status, r.closes_at AS ClosesAt,
                   o.mime AS InvitationMime, rc.invited_at AS InvitedAt, o.status AS InvitationStatus, o.sent_at AS InvitationSentAt,
                   rc.bounced_at AS BouncedAt, rc.bounce_reason AS BounceReason,
                   (SELECT count(*) FROM round_reminders rr JOIN outbox ro ON ro.id = rr.outbox_id
                    WHERE rr.round_id = r.id AND rr.council_code = rc.council_code AND rr.slot > 0 AND ro.status = 'sent') AS RemindersScheduled,
                   (SELECT count(*) FROM round_reminders rr JOIN outbox ro ON ro.id = rr.outbox_id
                    WHERE rr.round_id = r.id AND rr.council_code = rc.council_code AND rr.slot < 0 AND ro.status = 'sent') AS RemindersByHand
            FROM round_councils rc JOIN rounds r ON r.id = rc.round_id LEFT JOIN outbox o ON o.id = rc.invitation_outbox_id
            WHERE rc.council_code = @Code ORDER BY r.id DESC
            """, council)).ToList();
        foreach (var part in rounds)
        {
            var questionnaire = await connection.ExecuteScalarAsync<string>("SELECT questionnaire_id FROM rounds WHERE id = @RoundId", part);
            part.Returns = await ReturnRecords.ForAsync(connection, part.RoundId, council.Code, catalog.Find(questionnaire!));
        }

        var foi = (await connection.QueryAsync<CouncilRecord.FoiPart>("""
            SELECT q.id AS Id, b.title AS Title, q.recipient AS Recipient, q.status AS Status, q.created_at AS CreatedAt, o.sent_at AS SentAt
            FROM foi_requests q JOIN foi_batches b ON b.id = q.batch_id LEFT JOIN outbox o ON o.id = q.outbox_id
            WHERE q.council_code = @Code ORDER BY q.id DESC
            """, council)).ToList();
        var foiAnswers = (await connection.QueryAsync<CouncilRecord.FoiAnswer>("""
            SELECT a.request_id AS RequestId, a.question_id AS QuestionId, a.raw_value AS Raw, a.value AS Value, a.status AS Status, a.problem AS Problem,
                   a.note AS Note, a.source AS Source, a.recorded_at AS RecordedAt
            FROM foi_answers a JOIN foi_requests q ON q.id = a.request_id WHERE q.council_code = @Code
            ORDER BY a.request_id, length(a.question_id), a.question_id
            """, council)).ToLookup(a => a.RequestId);
        foreach (var request in foi)
            request.Answers = foiAnswers[request.Id].ToList();

        // Its addresses: the contacts it has now, and any address a message or bounce was already tied to it by.
        var emails = people.Select(p => p.Email).ToList();
        var held = (await connection.QueryAsync<CouncilRecord.HeldItem>($"""
            SELECT id AS Id, received_at AS ReceivedAt, sender AS Sender, subject AS Subject, source_name AS SourceName, outcome AS Outcome, reason AS Reason,
                   resolved_at AS ResolvedAt, resolved_note AS ResolvedNote
            FROM inbound_messages
            WHERE (outcome = 'held' OR resolved_at IS NOT NULL) AND (council_code = @Code OR sender {connection.In("emails")})
            ORDER BY received_at DESC
            """, new { council.Code, emails })).ToList();
        var bounces = (await connection.QueryAsync<CouncilRecord.Bounce>($"""
            SELECT b.created_at AS At, b.recipient AS Recipient, b.status AS Status, b.reason AS Reason, b.permanent AS Permanent, o.kind AS Kind, b.outbox_id AS OutboxId
            FROM inbound_bounces b LEFT JOIN outbox o ON o.id = b.outbox_id
            WHERE o.council_code = @Code OR b.recipient {connection.In("emails")}
            ORDER BY b.created_at DESC
            """, new { council.Code, emails })).ToList();
        return new CouncilRecord(council, footprints, people, rounds, foi, held, bounces);
    }
}
