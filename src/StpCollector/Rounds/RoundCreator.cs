using Dapper;
using Microsoft.Extensions.Options;
using StpCollector.Calendar;
using StpCollector.Contacts;
using StpCollector.Questionnaires;
using StpCollector.Reference;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Rounds;

internal sealed record RoundRequest(
    string QuestionnaireId, string Title, string Opens, string Closes, string? Audience = null, string? Reminders = null, bool AllowMissingLeads = false);

internal sealed record PlannedReminder(int WorkingDaysBefore, DateTimeOffset DueAt);

internal sealed record CouncilRef(string Code, string Name);

/// <summary>A council with more than one lead: all of them get the round's mail, in one message.</summary>
internal sealed record CouncilWithLeads(string Code, string Name, IReadOnlyList<string> Leads);

/// <summary>A checked round request, not stored: its councils, those without a lead or with several, and its reminders.</summary>
internal sealed record RoundPlan(
    Questionnaire Questionnaire, string Title, DateTimeOffset Opens, DateTimeOffset Closes, string Audience, IReadOnlyList<CouncilRef> Councils,
    IReadOnlyList<CouncilRef> WithoutLead, IReadOnlyList<PlannedReminder> Reminders, IReadOnlyList<string> Notes, IReadOnlyList<CouncilWithLeads> SeveralLeads,
    IReadOnlyDictionary<string, long> LeadIds, IReadOnlyDictionary<string, IReadOnlyList<RoundLead>> Leads);

internal sealed record CreatedRound(Round Round, IReadOnlyList<CouncilRef> Councils, IReadOnlyList<CouncilRef> WithoutLead,
    IReadOnlyList<PlannedReminder> Reminders, IReadOnlyList<string> Notes, IReadOnlyList<CouncilWithLeads> SeveralLeads);

/// <summary>
/// Checks a round request and stores it: the round and its audience resolved to councils, one transaction.
/// Every refusal says which argument is wrong and how to put it right.
/// </summary>
internal sealed class RoundCreator(
    Database database, QuestionnaireCatalog catalog, Audience audiences, HolidayCalendarStore holidays, RoundMailBuilder mails,
    IOptions<RoundsOptions> options, TimeProvider clock)
{
    /// <summary>Checks the request and stores the round, refusing councils without a lead unless the request allows them.</summary>
    public async Task<CreatedRound> CreateAsync(RoundRequest request, CancellationToken cancellationToken = default)
    {
        var plan = await PlanAsync(request, refuseMissingLeads: true, cancellationToken);
        var (questionnaire, title, opens, closes, audience, councils, reminders) =
            (plan.Questionnaire, plan.Title, plan.Opens, plan.Closes, plan.Audience, plan.Councils, plan.Reminders);
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        var id = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO rounds (questionnaire_id, questionnaire_version, title, reference, audience, opens_at, closes_at, reminder_days, status, created_at)
            VALUES (@QuestionnaireId, @Version, @title, @placeholder, @audience, @opens, @closes, @reminderDays, 'scheduled', @now)
            RETURNING id
            """, new
        {
            QuestionnaireId = questionnaire.Id, questionnaire.Version, title, placeholder = Guid.NewGuid().ToString("N"),
            audience, opens = DapperSetup.Format(opens), closes = DapperSetup.Format(closes),
            reminderDays = ReminderSlots.Format(reminders.Select(r => r.WorkingDaysBefore)), now = DapperSetup.Format(now),
        }, transaction);
        await connection.ExecuteAsync("UPDATE rounds SET reference = @reference WHERE id = @id",
            new { id, reference = Round.ReferenceFor(id) }, transaction);
        await connection.ExecuteAsync(
            "INSERT INTO round_councils (round_id, council_code, contact_id) VALUES (@id, @Code, @ContactId)",
            councils.Select(c => new { id, c.Code, ContactId = plan.LeadIds.TryGetValue(c.Code, out var lead) ? lead : (long?)null }), transaction);
        var round = await Round.GetAsync(connection, id, transaction);
        await transaction.CommitAsync(cancellationToken);
        return new CreatedRound(round, councils, plan.WithoutLead, reminders, plan.Notes, plan.SeveralLeads);
    }

    /// <summary>
    /// Every check <see cref="CreateAsync"/> makes, without storing anything: what the round would be. With
    /// <paramref name="refuseMissingLeads"/> off, councils without a lead are listed instead of refused (the console names them before saving).
    /// </summary>
    public async Task<RoundPlan> PlanAsync(RoundRequest request, bool refuseMissingLeads, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var questionnaire = catalog.Get(request.QuestionnaireId.Trim());
        var title = request.Title.Trim();
        if (title.Length == 0)
            throw new InvalidInputProblem("--title is empty. Give the round a title councils will recognise, e.g. \"STP involvement, winter 2026\".", field: "title");

        var now = clock.GetUtcNow();
        var opens = RoundTimes.Parse(request.Opens, "--opens", clock);
        var closes = RoundTimes.Parse(request.Closes, "--closes", clock);
        if (closes <= opens)
            throw new InvalidInputProblem($"--closes ({RoundTimes.Show(closes)}) must be after --opens ({RoundTimes.Show(opens)}), London time.", field: "closes");
        if (closes <= now)
            throw new InvalidInputProblem($"--closes ({RoundTimes.Show(closes)}) is in the past, London time.", field: "closes");
        if (opens < now.AddMinutes(-settings.OpensGraceMinutes))
        {
            throw new InvalidInputProblem(
                $"--opens ({RoundTimes.Show(opens)}) is {Minutes(now - opens)} in the past; a round may open at most {settings.OpensGraceMinutes} minutes ago " +
                "(Rounds:OpensGraceMinutes). Give a later time, or 'now'.", field: "opens");
        }

        var notes = new List<string>();
        var reminders = await PlanRemindersAsync(request.Reminders ?? settings.DefaultReminders, explicitly: request.Reminders is not null,
            opens, closes, settings, notes, cancellationToken);
        var audience = string.IsNullOrWhiteSpace(request.Audience) ? "all" : request.Audience.Trim();
        var codes = await audiences.ResolveAsync(audience, cancellationToken);

        await using var connection = await database.OpenAsync(cancellationToken);
        var councils = (await connection.QueryAsync<CouncilRef>(
            $"SELECT code AS Code, name AS Name FROM councils WHERE code {connection.In("codes")} ORDER BY name", new { codes })).ToList();
        var councilLeads = await ContactDirectory.LeadsAsync(councils.Select(c => c.Code), connection);
        var leads = councilLeads.ToDictionary(l => l.Key, l => l.Value[0].Id, StringComparer.OrdinalIgnoreCase);
        var withoutLead = councils.Where(c => !leads.ContainsKey(c.Code)).ToList();
        if (withoutLead.Count > 0 && !request.AllowMissingLeads && refuseMissingLeads)
        {
            throw new ConflictProblem(
                $"{withoutLead.Count} of the {councils.Count} councils have no lead contact, so they could not be invited: {Describe(withoutLead)}. " +
                "Import their leads (stpcollector contacts import FILE.csv, role 'lead'), or add --allow-missing-leads to create the round without them.", field: "audience");
        }

        CheckTemplates(questionnaire, title, opens, closes, councils[0], reminders.Count > 0);
        var allLeads = CouncilLeads.From(councilLeads);
        var severalLeads = councils.Where(c => allLeads.GetValueOrDefault(c.Code)?.Count > 1)
            .Select(c => new CouncilWithLeads(c.Code, c.Name, allLeads[c.Code].Select(l => l.Email).ToList())).ToList();
        return new RoundPlan(questionnaire, title, opens, closes, audience, councils, withoutLead, reminders, notes, severalLeads, leads, allLeads);
    }

    /// <summary>The round as it would be before it has a number (reference STP-R0): what a preview of its mail is built from.</summary>
    public static Round Sample(Questionnaire questionnaire, string title, DateTimeOffset opens, DateTimeOffset closes, string audience = "") =>
        new(0, Round.ReferenceFor(0), questionnaire.Id, questionnaire.Version, title, audience, opens, closes, "", RoundStatus.Scheduled, opens, null, null, null);

    /// <summary>Renders a sample invitation (and reminder), so a broken template is reported now, not at the opening.</summary>
    private void CheckTemplates(Questionnaire questionnaire, string title, DateTimeOffset opens, DateTimeOffset closes, CouncilRef council, bool reminders)
    {
        var sample = Sample(questionnaire, title, opens, closes);
        var to = new RoundRecipient { CouncilCode = council.Code, CouncilName = council.Name, LeadName = "Sample Lead", Email = "lead@example.test" };
        mails.Build(RoundMailBuilder.Invitation, sample, questionnaire, to);
        if (reminders)
        {
            mails.Build(RoundMailBuilder.Reminder, sample, questionnaire, to, workingDaysLeft: 2);
            mails.Build(RoundMailBuilder.Reminder, sample, questionnaire, to with { Missing = [new MissingAnswer("Q1", "Sample question", "not answered")] }, workingDaysLeft: 2);
        }
    }

    /// <summary>Explicit --reminders must all fall inside the round; default ones that do not are dropped with a note.</summary>
    private async Task<List<PlannedReminder>> PlanRemindersAsync(string text, bool explicitly, DateTimeOffset opens, DateTimeOffset closes,
        RoundsOptions settings, List<string> notes, CancellationToken cancellationToken)
    {
        if (ReminderSlots.TryParse(text, out var slots) is { } problem)
            throw new InvalidInputProblem($"--reminders {problem}", field: "reminders");
        var schedule = new ReminderSchedule(await holidays.LoadEnglandAndWalesAsync(cancellationToken), settings.ReminderTimeOfDay);
        var planned = new List<PlannedReminder>();
        foreach (var slot in slots)
        {
            var due = schedule.DueAt(closes, slot);
            if (due > opens)
            {
                planned.Add(new PlannedReminder(slot, due));
                continue;
            }

            var why = $"{slot} working day(s) before the close falls on {LondonTime.Describe(due)}, which is not after the opening ({LondonTime.Describe(opens)})";
            if (explicitly)
                throw new InvalidInputProblem($"--reminders {slot}: {why}. Choose fewer days, or open the round earlier.", field: "reminders");
            notes.Add($"The default reminder {why}, so the round has no such reminder.");
        }

        return planned;
    }

    private static string Describe(IEnumerable<CouncilRef> councils) => string.Join(", ", councils.Select(c => $"{c.Name} ({c.Code})"));

    private static string Minutes(TimeSpan span) =>
        span.TotalMinutes < 120 ? $"{span.TotalMinutes:0} minutes" : span.TotalHours < 48 ? $"{span.TotalHours:0} hours" : $"{span.TotalDays:0} days";
}
