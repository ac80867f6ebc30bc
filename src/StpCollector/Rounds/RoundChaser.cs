using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using StpCollector.Calendar;
using StpCollector.Contacts;
using StpCollector.Outbox;
using StpCollector.Questionnaires;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Rounds;

/// <summary>
/// round remind: queues a reminder now, outside the schedule, to the councils that have not responded and those with a
/// partial return (or to the councils named). A chase by hand is recorded in round_reminders with a negative slot
/// (-1, -2, ... per council), so it never takes the place of a scheduled reminder.
/// </summary>
internal sealed class RoundChaser(
    Database database, QuestionnaireCatalog catalog, HolidayCalendarStore holidays, RoundMailBuilder mails, OutboxWriter outbox,
    IOptions<RoundsOptions> options, TimeProvider clock)
{
    public sealed record Chase(Round Round, IReadOnlyList<RoundRecipient> Reminded, IReadOnlyList<string> NotReminded);

    public async Task<Chase> RemindAsync(long roundId, IReadOnlyList<string>? councils, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var round = await Round.GetAsync(connection, roundId);
        var now = clock.GetUtcNow();
        var refusal = round.Status switch
        {
            RoundStatus.Scheduled => $"Round {round.Reference} has not opened yet (it opens {LondonTime.Describe(round.OpensAt)}); there is nobody to remind before the invitations go.",
            RoundStatus.Cancelled => $"Round {round.Reference} was cancelled; its councils are not reminded.",
            RoundStatus.Closed => $"Round {round.Reference} is closed (it closed {LondonTime.Describe(round.ClosesAt)}). To chase late returns, move its deadline first: stpcollector round extend {round.Reference} --closes 'yyyy-MM-dd HH:mm'.",
            _ when round.ClosesAt <= now => $"Round {round.Reference} closed {LondonTime.Describe(round.ClosesAt)}. To chase late returns, move its deadline first: stpcollector round extend {round.Reference} --closes 'yyyy-MM-dd HH:mm'.",
            _ => null,
        };
        if (refusal is not null)
            throw new InvalidInputProblem(refusal, field: "round");
        var questionnaire = catalog.Find(round.QuestionnaireId)
            ?? throw new UnavailableProblem($"Round {round.Reference}'s questionnaire {round.QuestionnaireId} is missing from config/questionnaires; restore it to send reminders.");

        var named = councils is null ? null : await CheckNamedAsync(connection, round, councils);
        // Named councils are chased even when Rounds:RemindPartial is off: staff asked for them.
        var recipients = await ReminderRecipients.DueAsync(connection, null, round, questionnaire, options.Value.RemindPartial || named is not null, slot: null, named);
        var notReminded = named is null ? [] : await WhyNotAsync(connection, round, named.Except(recipients.Select(r => r.CouncilCode), StringComparer.OrdinalIgnoreCase).ToList());

        var calendar = await holidays.LoadEnglandAndWalesAsync(cancellationToken);
        var daysLeft = calendar.WorkingDaysBetween(LondonTime.Today(clock), DateOnly.FromDateTime(LondonTime.ToLondon(round.ClosesAt).DateTime));
        var messages = recipients.Select(to => (To: to, Message: mails.Build(RoundMailBuilder.Reminder, round, questionnaire, to, daysLeft))).ToList();

        await using var transaction = connection.BeginTransaction();
        var stamp = DapperSetup.Format(clock.GetUtcNow());
        foreach (var (to, message) in messages)
        {
            var outboxId = await outbox.EnqueueAsync(connection, transaction,
                new OutgoingMessage(RoundMailBuilder.Reminder, round.Topic, to.CouncilCode, message, ExpiresAt: round.ClosesAt)); // never after the close
            await connection.ExecuteAsync("""
                INSERT INTO round_reminders (round_id, council_code, slot, outbox_id, created_at, return_id)
                VALUES (@Id, @CouncilCode,
                        (SELECT COALESCE(min(slot), 0) - 1 FROM round_reminders WHERE round_id = @Id AND council_code = @CouncilCode AND slot < 0),
                        @outboxId, @stamp, @ReturnId)
                """, new { round.Id, to.CouncilCode, outboxId, stamp, to.ReturnId }, transaction);
        }

        await transaction.CommitAsync(cancellationToken);
        return new Chase(round, recipients, notReminded);
    }

    private static async Task<List<string>> CheckNamedAsync(DbConnection connection, Round round, IReadOnlyList<string> councils)
    {
        var codes = councils.Select(c => c.Trim().ToUpperInvariant()).Where(c => c.Length > 0).Distinct().ToList();
        if (codes.Count == 0)
            throw new InvalidInputProblem("--councils is empty. Name the councils by ONS code, e.g. --councils E09000007,E09000012.", field: "councils");
        var inRound = (await connection.QueryAsync<string>("SELECT council_code FROM round_councils WHERE round_id = @Id", new { round.Id }))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var outside = codes.Where(c => !inRound.Contains(c)).ToList();
        if (outside.Count > 0)
            throw new InvalidInputProblem($"Not in round {round.Reference}: {string.Join(", ", outside)}. See its councils with: stpcollector round show {round.Reference}", field: "councils");
        return codes;
    }

    /// <summary>For each named council left out, why: "Camden (E09000007): its return is complete".</summary>
    private static async Task<List<string>> WhyNotAsync(DbConnection connection, Round round, List<string> codes)
    {
        if (codes.Count == 0)
            return [];
        var councils = await connection.QueryAsync<(string Name, string Code, long? InvitationOutboxId, string? Bounced, long Returned)>($"""
            SELECT c.name, c.code, rc.invitation_outbox_id, rc.bounced_at,
                   EXISTS (SELECT 1 FROM returns r WHERE r.round_id = rc.round_id AND r.council_code = rc.council_code AND r.is_current = 1)
            FROM round_councils rc JOIN councils c ON c.code = rc.council_code
            WHERE rc.round_id = @Id AND rc.council_code {connection.In("codes")} ORDER BY c.name
            """, new { round.Id, codes });
        var deliveries = await OutboxMessages.ForTopicsAsync([round.Topic], connection);
        var leads = await ContactDirectory.LeadsAsync(codes, connection);
        var rows = councils.Select(c => (c.Name, c.Code,
            Status: c.InvitationOutboxId is { } id ? deliveries.GetValueOrDefault(id)?.Status : null,
            c.Bounced, c.Returned, Leads: leads.GetValueOrDefault(c.Code)?.Count ?? 0));
        return rows.Select(r => $"{r.Name} ({r.Code}): " + (r switch
        {
            { Status: null } => "it was never invited (no lead when the round opened)",
            { Status: not "sent" } => $"its invitation is {r.Status}, not sent yet",
            { Bounced: not null } => "mail to it bounced (see round show); correct its lead with contacts import",
            { Leads: 0 } => "it has no lead now",
            { Returned: 1 } => "its return is complete",
            _ => "nothing to remind",
        })).ToList();
    }
}
