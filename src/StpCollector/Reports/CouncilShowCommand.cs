using System.CommandLine;
using StpCollector.Calendar;
using StpCollector.Cli;
using StpCollector.Reference;
using StpCollector.Rounds;

namespace StpCollector.Reports;

/// <summary>councils show CODE: one council's whole record, for answering "what do we have from them?" in one place.</summary>
internal static class CouncilShowCommand
{
    public static Command Build()
    {
        var code = new Argument<string>("CODE") { Description = "Council ONS code, e.g. E09000007" };
        var json = CommonOptions.Json();
        var show = new Command("show", "Show a council's whole record: contacts, each round (invitation, reminders, returns), FoI requests, held messages and bounces")
        {
            code, json,
        };
        show.Handles(async (parse, services, cancellationToken) =>
        {
            var record = await services.Get<CouncilRecordReader>().ReadAsync(parse.GetValue(code)!, cancellationToken);
            if (parse.GetValue(json))
            {
                Output.Json(record);
                return ExitCodes.Ok;
            }

            Print(record);
            return ExitCodes.Ok;
        });
        return show;
    }

    private static void Print(CouncilRecord record)
    {
        var council = record.Council;
        var o = Console.Out;
        o.WriteLine($"{council.Name} ({council.Code}), {council.Type}, {council.Region}");
        o.WriteLine($"  Footprints: {(record.Footprints.Count == 0 ? "none" : string.Join(", ", record.Footprints.Select(f => $"{f.Name} ({f.Id})")))}");

        o.WriteLine();
        o.WriteLine("CONTACTS");
        if (record.Contacts.Count == 0)
            o.WriteLine($"  None yet. Add them with: stpcollector contacts import FILE.csv (a 'lead' is who rounds write to).");
        foreach (var contact in record.Contacts)
            o.WriteLine($"  {contact.Role,-16} {contact.Name} <{contact.Email}>");

        o.WriteLine();
        o.WriteLine("ROUNDS");
        if (record.Rounds.Count == 0)
        {
            o.WriteLine("  Not in any round yet.");
            o.WriteLine();
        }

        foreach (var round in record.Rounds)
        {
            o.WriteLine($"  {round.Reference}: {round.Title} ({round.Status}, closes {LondonTime.Describe(round.ClosesAt)})");
            o.WriteLine($"    Invitation: {round.Delivery}{(round.InvitedTo is { } to ? $" (to {to})" : "")}");
            o.WriteLine($"    Reminders sent: {round.RemindersScheduled} scheduled, {round.RemindersByHand} by hand");
            ReturnsCommands.Print(round.Returns, "    ");
            o.WriteLine();
        }

        o.WriteLine("FOI REQUESTS");
        if (record.FoiRequests.Count == 0)
            o.WriteLine("  None.");
        foreach (var request in record.FoiRequests)
        {
            o.WriteLine($"  #{request.Id} {request.Title}: {request.Status.Replace('_', ' ')}, to {request.Recipient}" +
                (request.SentAt is { } sent ? $", sent {LondonTime.Describe(sent)}" : ", not sent yet"));
            foreach (var answer in request.Answers)
                o.WriteLine($"    {answer.QuestionId}: {answer.Value ?? answer.Raw ?? ""} ({answer.Status}{(answer.Problem is { } p ? $": {p}" : "")}{(answer.Note is { } n ? $"; note: {n}" : "")})");
        }

        o.WriteLine();
        o.WriteLine("HELD MESSAGES (from its addresses or assigned to it)");
        if (record.Held.Count == 0)
            o.WriteLine("  None.");
        foreach (var item in record.Held)
        {
            o.WriteLine($"  #{item.Id} {LondonTime.Describe(item.ReceivedAt)} from {item.Sender ?? "(file)"}: {item.Subject ?? Path.GetFileName(item.SourceName)}");
            o.WriteLine($"    {(item.ResolvedAt is { } resolved ? $"resolved {LondonTime.Describe(resolved)}: {item.ResolvedNote}" : $"held: {item.Reason}")}");
        }

        o.WriteLine();
        o.WriteLine("BOUNCES");
        if (record.Bounces.Count == 0)
            o.WriteLine("  None.");
        foreach (var bounce in record.Bounces)
            o.WriteLine($"  {LondonTime.Describe(bounce.At)} {bounce.Recipient}{(bounce.Kind is { } kind ? $" ({kind})" : "")}: {bounce.Reason}{(bounce.Permanent ? "" : " (delayed, not permanent)")}");
    }
}
