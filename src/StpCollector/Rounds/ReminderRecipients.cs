using System.Data.Common;
using Dapper;
using StpCollector.Outbox;
using StpCollector.Questionnaires;

namespace StpCollector.Rounds;

/// <summary>
/// Who a reminder goes to: councils whose invitation was sent and not bounced, that have no current return or (when
/// Rounds:RemindPartial is on) a partial one, addressed to all their leads now on file. A council with no lead left
/// is not reminded.
/// </summary>
internal static class ReminderRecipients
{
    private sealed record Candidate(string CouncilCode, string CouncilName, long InvitationOutboxId, long? ReturnId)
    {
        public string? InvitationMessageId { get; init; }
    }

    /// <param name="slot">The scheduled slot (councils already reminded in it are left out); null for a chase by hand.</param>
    /// <param name="councils">Only these councils; null for all of the round's.</param>
    public static async Task<List<RoundRecipient>> DueAsync(DbConnection connection, DbTransaction? transaction, Round round,
        Questionnaire questionnaire, bool remindPartial, int? slot, IReadOnlyCollection<string>? councils = null)
    {
        var invited = (await connection.QueryAsync<Candidate>("""
            SELECT rc.council_code AS CouncilCode, c.name AS CouncilName, rc.invitation_outbox_id AS InvitationOutboxId, r.id AS ReturnId
            FROM round_councils rc
            JOIN councils c ON c.code = rc.council_code
            LEFT JOIN returns r ON r.round_id = rc.round_id AND r.council_code = rc.council_code AND r.is_current = 1
            WHERE rc.round_id = @Id AND rc.invitation_outbox_id IS NOT NULL AND rc.bounced_at IS NULL
              AND (@slot IS NULL OR NOT EXISTS (SELECT 1 FROM round_reminders rr
                   WHERE rr.round_id = rc.round_id AND rr.council_code = rc.council_code AND rr.slot = @slot))
            ORDER BY rc.council_code
            """, new { round.Id, slot }, transaction)).ToList();
        var deliveries = await OutboxMessages.ForTopicsAsync([round.Topic], connection, transaction);
        var candidates = invited
            .Where(c => deliveries.GetValueOrDefault(c.InvitationOutboxId)?.Status == "sent")
            .Select(c => c with { InvitationMessageId = deliveries[c.InvitationOutboxId].MessageId })
            .Where(c => councils is null || councils.Contains(c.CouncilCode, StringComparer.OrdinalIgnoreCase))
            .ToList();
        var missing = candidates.Any(c => c.ReturnId is not null)
            ? await ReturnCompleteness.ForRoundAsync(connection, round.Id, questionnaire, transaction)
            : new Dictionary<string, IReadOnlyList<MissingAnswer>>();
        var due = candidates
            .Select(c => (Candidate: c, Missing: c.ReturnId is null ? [] : missing.GetValueOrDefault(c.CouncilCode) ?? []))
            .Where(c => c.Candidate.ReturnId is null || (remindPartial && c.Missing.Count > 0))
            .ToList();
        var leads = await CouncilLeads.ForAsync(connection, due.Select(d => d.Candidate.CouncilCode), transaction);
        return due
            .Where(d => leads.ContainsKey(d.Candidate.CouncilCode))
            .Select(d => new RoundRecipient
            {
                CouncilCode = d.Candidate.CouncilCode,
                CouncilName = d.Candidate.CouncilName,
                InvitationMessageId = d.Candidate.InvitationMessageId,
                LeadName = leads[d.Candidate.CouncilCode][0].Name,
                Email = leads[d.Candidate.CouncilCode][0].Email,
                Leads = leads[d.Candidate.CouncilCode],
                Missing = d.Missing,
                ReturnId = d.Candidate.ReturnId,
            })
            .ToList();
    }
}
