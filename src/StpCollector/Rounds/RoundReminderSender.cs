using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StpCollector.Calendar;
using StpCollector.Outbox;
using StpCollector.Questionnaires;
using StpCollector.Storage;

namespace StpCollector.Rounds;

/// <summary>
/// Sends each open round's reminders on its working-day schedule, to the councils whose invitation went out and who
/// have no current return or (Rounds:RemindPartial, on by default) a partial one (see <see cref="ReminderRecipients"/>). Each slot is handled once (round_reminder_slots) and each council reminded at most once
/// per slot (round_reminders), in the same transaction as the queued mail, so a crash can neither lose nor repeat one.
/// A slot whose day passed while the worker was not running is skipped and logged: a late chaser helps nobody.
/// </summary>
internal sealed class RoundReminderSender(
    Database database, QuestionnaireCatalog catalog, HolidayCalendarStore holidays, RoundMailBuilder mails, OutboxWriter outbox,
    IOptions<RoundsOptions> options, TimeProvider clock, ILogger<RoundReminderSender> logger)
{
    /// <summary>Sends the due reminders; returns one phrase per reminder slot handled, for the sweep's summary.</summary>
    public async Task<IReadOnlyList<string>> SendDueAsync(CancellationToken cancellationToken)
    {
        var done = new List<string>();
        await using var connection = await database.OpenAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var rounds = (await connection.QueryAsync<Round>($"{Round.SelectSql} WHERE status = 'open' AND closes_at > @now AND reminder_days <> ''", new { now = DapperSetup.Format(now) })).ToList();
        if (rounds.Count == 0)
            return done;
        var calendar = await holidays.LoadEnglandAndWalesAsync(cancellationToken);
        var schedule = new ReminderSchedule(calendar, options.Value.ReminderTimeOfDay);
        foreach (var round in rounds)
        {
            var handled = (await connection.QueryAsync<long>("SELECT slot FROM round_reminder_slots WHERE round_id = @Id", new { round.Id })).ToHashSet();
            foreach (var slot in round.Reminders.Where(s => !handled.Contains(s)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var dueAt = schedule.DueAt(round.ClosesAt, slot);
                if (now < dueAt)
                    continue;
                if (now >= schedule.UsefulUntil(round.ClosesAt, slot))
                {
                    if (await SkipAsync(connection, round, slot, dueAt))
                        done.Add($"skipped {round.Reference}'s reminder {slot} working day(s) before the close (its day had passed)");
                    continue;
                }

                var daysLeft = calendar.WorkingDaysBetween(LondonTime.Today(clock), DateOnly.FromDateTime(LondonTime.ToLondon(round.ClosesAt).DateTime));
                if (await SendSlotAsync(connection, round, slot, dueAt, daysLeft, cancellationToken) is { } sent)
                    done.Add($"queued {sent} reminder(s) for {round.Reference}, {slot} working day(s) before the close");
            }
        }

        return done;
    }

    private async Task<bool> SkipAsync(DbConnection connection, Round round, int slot, DateTimeOffset dueAt)
    {
        var detail = $"due {LondonTime.Describe(dueAt)}; its day had passed when the worker next ran, so it was no longer useful";
        var recorded = await connection.ExecuteAsync("""
            INSERT INTO round_reminder_slots (round_id, slot, due_at, outcome, detail, processed_at)
            VALUES (@Id, @slot, @dueAt, 'skipped', @detail, @now) ON CONFLICT DO NOTHING
            """, new { round.Id, slot, dueAt = DapperSetup.Format(dueAt), detail, now = DapperSetup.Format(clock.GetUtcNow()) });
        if (recorded == 1)
            logger.LogWarning("Round {Round}: skipped the reminder {Slot} working day(s) before the close, {Detail}", round.Reference, slot, detail);
        return recorded == 1;
    }

    /// <summary>Returns how many reminders it queued, or null when the slot was not handled here.</summary>
    private async Task<int?> SendSlotAsync(DbConnection connection, Round round, int slot, DateTimeOffset dueAt, int daysLeft, CancellationToken cancellationToken)
    {
        if (catalog.Find(round.QuestionnaireId) is not { } questionnaire)
        {
            logger.LogError("Round {Round}: cannot send reminders, its questionnaire {Questionnaire} is missing from config/questionnaires", round.Reference, round.QuestionnaireId);
            return null;
        }

        var remindPartial = options.Value.RemindPartial;
        var recipients = await ReminderRecipients.DueAsync(connection, null, round, questionnaire, remindPartial, slot);
        var messages = recipients.Select(to => (To: to, Message: mails.Build(RoundMailBuilder.Reminder, round, questionnaire, to, daysLeft))).ToList();

        await using var transaction = connection.BeginTransaction();
        var claimed = await connection.ExecuteAsync("""
            INSERT INTO round_reminder_slots (round_id, slot, due_at, outcome, processed_at)
            VALUES (@Id, @slot, @dueAt, 'sent', @now) ON CONFLICT DO NOTHING
            """, new { round.Id, slot, dueAt = DapperSetup.Format(dueAt), now = DapperSetup.Format(clock.GetUtcNow()) }, transaction);
        if (claimed == 0)
            return null; // another process handled this slot first
        // Asked again inside the transaction: a return that arrived while the mail was being built wins.
        var stillDue = (await ReminderRecipients.DueAsync(connection, transaction, round, questionnaire, remindPartial, slot)).Select(r => (r.CouncilCode, r.ReturnId)).ToHashSet();
        var sent = 0;
        foreach (var (to, message) in messages.Where(m => stillDue.Contains((m.To.CouncilCode, m.To.ReturnId))))
        {
            var outboxId = await outbox.EnqueueAsync(connection, transaction,
                new OutgoingMessage(RoundMailBuilder.Reminder, round.Topic, to.CouncilCode, message, ExpiresAt: round.ClosesAt)); // never after the close
            await connection.ExecuteAsync("""
                INSERT INTO round_reminders (round_id, council_code, slot, outbox_id, created_at, return_id)
                VALUES (@Id, @CouncilCode, @slot, @outboxId, @now, @ReturnId)
                """, new { round.Id, to.CouncilCode, slot, outboxId, now = DapperSetup.Format(clock.GetUtcNow()), to.ReturnId }, transaction);
            sent++;
        }

        // A reminder follows an invitation that has gone out; one still queued (the mail server was down) goes
        // alone, rather than with a chaser minutes behind it.
        var unanswered = await connection.QueryAsync<long>("""
            SELECT rc.invitation_outbox_id FROM round_councils rc
            WHERE rc.round_id = @Id AND rc.invitation_outbox_id IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM returns r WHERE r.round_id = rc.round_id AND r.council_code = rc.council_code AND r.is_current = 1)
            """, new { round.Id }, transaction);
        var deliveries = await OutboxMessages.ForTopicsAsync([round.Topic], connection, transaction);
        var waiting = unanswered.Count(id => deliveries.GetValueOrDefault(id)?.Waiting == true);
        var detail = waiting == 0 ? null : $"{waiting} council(s) not reminded because their invitation had not been sent yet";
        await connection.ExecuteAsync("UPDATE round_reminder_slots SET recipients = @sent, detail = @detail WHERE round_id = @Id AND slot = @slot",
            new { sent, detail, round.Id, slot }, transaction);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Round {Round}: queued {Count} reminder(s), {Slot} working day(s) before the close{Detail}",
            round.Reference, sent, slot, detail is null ? "" : $"; {detail}");
        return sent;
    }
}
