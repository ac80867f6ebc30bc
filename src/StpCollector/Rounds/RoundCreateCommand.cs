using System.CommandLine;
using StpCollector.Calendar;
using StpCollector.Cli;

namespace StpCollector.Rounds;

/// <summary>round create: checks the request, stores the round, and says when its mail will go.</summary>
internal static class RoundCreateCommand
{
    public static Command Build()
    {
        var questionnaire = new Option<string>("--questionnaire") { Description = "Questionnaire id (see: stpcollector questionnaire list)", Required = true };
        var title = new Option<string>("--title") { Description = "Title councils see in the subject and the letter", Required = true };
        var opens = new Option<string>("--opens") { Description = "When invitations go: London time 'yyyy-MM-dd HH:mm', ISO 8601 with offset, or 'now'", Required = true };
        var closes = new Option<string>("--closes") { Description = "The deadline, London time 'yyyy-MM-dd HH:mm' (or ISO 8601 with offset)", Required = true };
        var audience = new Option<string?>("--audience") { Description = "all (default), region:NAME, footprint:ID or councils:CODE,CODE" };
        var reminders = new Option<string?>("--reminders") { Description = "Reminders in England-and-Wales working days before the close, e.g. 5,2, or 'none' (default: Rounds:DefaultReminders)" };
        var allowMissing = new Option<bool>("--allow-missing-leads") { Description = "Create the round even if some councils have no lead contact; they are listed and not invited" };
        var json = CommonOptions.Json();
        var create = new Command("create", "Schedule a round: each council lead gets the questionnaire at the opening time")
        {
            questionnaire, title, opens, closes, audience, reminders, allowMissing, json,
        };
        create.Handles(async (parse, services, cancellationToken) =>
        {
            var created = await services.Get<RoundCreator>().CreateAsync(new RoundRequest(
                parse.GetValue(questionnaire)!, parse.GetValue(title)!, parse.GetValue(opens)!, parse.GetValue(closes)!,
                parse.GetValue(audience), parse.GetValue(reminders), parse.GetValue(allowMissing)), cancellationToken);
            if (parse.GetValue(json))
            {
                Output.Json(new
                {
                    created.Round,
                    Councils = created.Councils.Count,
                    NotInvited = created.WithoutLead,
                    created.SeveralLeads,
                    created.Reminders,
                    created.Notes,
                });
                return ExitCodes.Ok;
            }

            var round = created.Round;
            Console.Out.WriteLine($"Created round {round.Id} ({round.Reference}): {round.Title}");
            Console.Out.WriteLine($"  Questionnaire: {round.QuestionnaireId} (version {round.QuestionnaireVersion})");
            Console.Out.WriteLine($"  Opens:         {LondonTime.Describe(round.OpensAt)} (London time)");
            Console.Out.WriteLine($"  Closes:        {LondonTime.Describe(round.ClosesAt)}");
            Console.Out.WriteLine($"  Audience:      {round.Audience}: {created.Councils.Count} council(s), {created.Councils.Count - created.WithoutLead.Count} with a lead to invite");
            foreach (var reminder in created.Reminders)
                Console.Out.WriteLine($"  Reminder:      {LondonTime.Describe(reminder.DueAt)} ({reminder.WorkingDaysBefore} working day(s) before the close)");
            if (created.WithoutLead.Count > 0)
                Console.Out.WriteLine($"  Not invited (no lead contact): {string.Join(", ", created.WithoutLead.Select(c => $"{c.Name} ({c.Code})"))}");
            if (created.SeveralLeads.Count > 0)
            {
                Console.Out.WriteLine($"  Several leads (each invitation and reminder goes to all of them, in one message): " +
                    string.Join("; ", created.SeveralLeads.Select(c => $"{c.Name} ({c.Code}): {string.Join(", ", c.Leads)}")));
                Console.Out.WriteLine("  To keep only one, remove the others: stpcollector contacts remove EMAIL --council CODE");
            }

            foreach (var note in created.Notes)
                Console.Out.WriteLine($"  Note: {note}");
            return ExitCodes.Ok;
        });
        return create;
    }
}
