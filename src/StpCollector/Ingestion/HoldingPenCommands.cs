using System.CommandLine;
using System.Globalization;
using StpCollector.Calendar;
using StpCollector.Cli;
using StpCollector.Contacts;
using StpCollector.Storage;

namespace StpCollector.Ingestion;

internal static class HoldingPenCommands
{
    public static Command Build()
    {
        var all = new Option<bool>("--all") { Description = "List every inbound message with its outcome, not only the held ones" };
        var limit = new Option<int>("--limit") { CustomParser = WholeNumber.Of<int>("--limit"), Description = "At most this many, newest first", DefaultValueFactory = _ => 200 };
        var listJson = CommonOptions.Json();
        var list = new Command("list", "List messages and files held for staff (unmatched, unknown sender, no answers found)") { all, limit, listJson };
        list.Handles(async (parse, services, cancellationToken) =>
        {
            var entries = await services.Get<HoldingPen>().ListAsync(parse.GetValue(all), parse.GetValue(limit), cancellationToken);
            if (parse.GetValue(listJson))
                Output.Json(entries);
            else
                Output.Table(["Id", "Received", "Outcome", "From", "Subject / file", "Reason"], entries.Select(e => new[]
                {
                    e.Id.ToString(CultureInfo.InvariantCulture), LondonTime.Short(e.ReceivedAt), e.Outcome, e.Sender ?? "",
                    Shorten(e.Subject ?? Path.GetFileName(e.SourceName), 40), Shorten(e.Reason, 100),
                }), parse.GetValue(all)
                    ? "No inbound mail or files yet."
                    : "Nothing is held: every message and file found its round and council (see them all with --all).");
            return ExitCodes.Ok;
        });

        var id = new Argument<long>("ID") { CustomParser = WholeNumber.Of<long>("ID"), Description = "Inbound message number (from holding-pen list)" };
        var showJson = CommonOptions.Json();
        var show = new Command("show", "Show one inbound message: where it came from, why it is held, and its text") { id, showJson };
        show.Handles(async (parse, services, cancellationToken) =>
        {
            var pen = services.Get<HoldingPen>();
            var entry = await pen.GetAsync(parse.GetValue(id), cancellationToken);
            var preview = pen.Preview(entry);
            var answers = await pen.StoredAnswersAsync(entry.Id, cancellationToken);
            if (parse.GetValue(showJson))
            {
                Output.Json(new { entry, preview, answers });
                return ExitCodes.Ok;
            }

            Console.Out.WriteLine($"#{entry.Id}  {entry.Outcome}  received {LondonTime.Short(entry.ReceivedAt)} via {entry.Channel} ({entry.SourceName})");
            Console.Out.WriteLine($"From:    {entry.Sender}");
            if (entry.SentAt is not null)
                Console.Out.WriteLine($"Dated:   {LondonTime.Short(entry.SentAt)} by the sender's clock" +
                    (SenderClock.Gap(DapperSetup.ParseTimestamp(entry.ReceivedAt), DapperSetup.ParseTimestamp(entry.SentAt)) is { } gap ? $" ({gap})" : ""));
            Console.Out.WriteLine($"Subject: {entry.Subject}");
            Console.Out.WriteLine($"Message-ID: {entry.MessageId}");
            Console.Out.WriteLine($"Reason:  {entry.Reason}");
            if (entry.ResolvedNote is not null)
                Console.Out.WriteLine($"Resolved: {LondonTime.Short(entry.ResolvedAt)} {entry.ResolvedNote}");
            Console.Out.WriteLine($"Archive: {entry.ArchivePath}");
            foreach (var group in answers.GroupBy(a => a.ReturnId))
            {
                Console.Out.WriteLine();
                Console.Out.WriteLine($"Stored as return #{group.Key}:");
                foreach (var answer in group)
                {
                    var shown = answer.Status == "valid" ? answer.Value : $"invalid: \"{Shorten(answer.Raw ?? "", 60)}\" ({answer.Problem})";
                    Console.Out.WriteLine($"  {answer.QuestionId,-4} {Shorten(shown ?? "", 120)}{(answer.Comment is null ? "" : $"  — noted: {Shorten(answer.Comment, 120)}")}");
                }
            }

            Console.Out.WriteLine();
            Console.Out.WriteLine(preview);
            return ExitCodes.Ok;
        });

        var assignId = new Argument<long>("ID") { CustomParser = WholeNumber.Of<long>("ID"), Description = "Inbound message number" };
        var round = new Option<string>("--round") { Description = "Round reference, e.g. STP-R12", Required = true };
        var council = new Option<string>("--council") { Description = "Council ONS code, e.g. E09000007", Required = true };
        var receiptTo = new Option<string?>("--receipt-to")
        {
            Description = "Send the receipt (which lists the council's answers) to this address, even if it is not a contact of the council or on its domain",
        };
        var assign = new Command("assign", "Store a held message's answers for a round and council (extraction runs again)") { assignId, round, council, receiptTo };
        assign.Handles(async (parse, services, cancellationToken) =>
        {
            var to = parse.GetValue(receiptTo)?.Trim();
            if (to is not null && !EmailAddress.IsValid(to))
                throw new UserFacingException($"--receipt-to '{to}' is not an email address. Give one address, e.g. --receipt-to stp.lead@camden.gov.uk.", ExitCodes.Usage);
            var outcome = await services.Get<HoldingPen>().AssignAsync(parse.GetValue(assignId), parse.GetValue(round)!, parse.GetValue(council)!, to, cancellationToken);
            Console.Out.WriteLine($"Assigned #{parse.GetValue(assignId)}: {outcome.Reason}");
            if (outcome.NoReceipt is { } why)
                Console.Out.WriteLine($"Stored; no receipt sent: {why}. Add --receipt-to ADDRESS to send one.");
            return ExitCodes.Ok;
        });

        var discardId = new Argument<long>("ID") { CustomParser = WholeNumber.Of<long>("ID"), Description = "Inbound message number" };
        var reason = new Option<string>("--reason") { Description = "Why it is discarded (kept with the message)", Required = true };
        var discard = new Command("discard", "Take a held message out of the holding pen without storing anything") { discardId, reason };
        discard.Handles(async (parse, services, cancellationToken) =>
        {
            await services.Get<HoldingPen>().DiscardAsync(parse.GetValue(discardId), parse.GetValue(reason)!, cancellationToken);
            Console.Out.WriteLine($"Discarded #{parse.GetValue(discardId)}.");
            return ExitCodes.Ok;
        });

        return new Command("holding-pen", "Inbound mail and files that need a person: list, show, assign, discard") { list, show, assign, discard };
    }

    private static string Shorten(string text, int max)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= max ? line : line[..(max - 1)] + "…";
    }
}
