using System.CommandLine;
using System.Globalization;
using StpCollector.Calendar;
using StpCollector.Cli;

namespace StpCollector.Bulletins;

internal static class FeedbackCommands
{
    public static Command Build()
    {
        var since = IsoDateOption.Create("--since", "Only feedback received on or after this day (London time)", required: false);
        var bulletin = new Option<long?>("--bulletin") { CustomParser = WholeNumber.OrNone<long>("--bulletin"), Description = "Only feedback on this bulletin (its number in `bulletin list`)" };
        var theme = new Option<string?>("--theme") { Description = "Only feedback tagged with this theme (see: stpcollector feedback themes)" };
        var csv = new Option<string?>("--csv")
        {
            Description = "Also write the list, with the whole words, as a CSV file (personal data: keep it only as long as needed)",
        };
        var listJson = CommonOptions.Json();
        var list = new Command("list", "List what subscribers wrote back to the bulletin, newest first") { since, bulletin, theme, csv, listJson };
        list.Handles(async (parse, services, cancellationToken) =>
        {
            DateOnly? day = parse.GetValue(since) is var given && given != default ? given : null;
            var themeId = parse.GetValue(theme) is { } named ? services.Get<FeedbackThemes>().Known(named, "--theme") : null;
            var entries = await services.Get<FeedbackStore>().ListAsync(day, parse.GetValue(bulletin), themeId, cancellationToken);
            if (parse.GetValue(csv) is { } file)
            {
                FeedbackCsv.Write(file, entries);
                Output.Error($"Wrote {entries.Count} feedback to {Path.GetFullPath(file)}.");
            }

            if (parse.GetValue(listJson))
                Output.Json(entries);
            else
                Output.Table(["Id", "Received", "From", "Council", "Bulletin", "Themes", "First words"], entries.Select(e => new[]
                {
                    e.Id.ToString(CultureInfo.InvariantCulture), LondonTime.Short(e.ReceivedAt), e.Sender, e.CouncilName ?? e.CouncilCode ?? "",
                    e.BulletinId?.ToString(CultureInfo.InvariantCulture) ?? "", string.Join(", ", e.Themes), FeedbackText.FirstWords(e.Words, 60),
                }), day is null && parse.GetValue(bulletin) is null && themeId is null
                    ? "No feedback yet: when a subscriber replies to a bulletin with more than \"unsubscribe\", their words are listed here."
                    : "No feedback matches (try without --since, --bulletin or --theme).");
            return ExitCodes.Ok;
        });

        var id = new Argument<long>("ID") { CustomParser = WholeNumber.Of<long>("ID"), Description = "Feedback number (from feedback list)" };
        var showJson = CommonOptions.Json();
        var show = new Command("show", "Show one piece of feedback: who wrote, when, about which bulletin, and their words") { id, showJson };
        show.Handles(async (parse, services, cancellationToken) =>
        {
            var entry = await services.Get<FeedbackStore>().GetAsync(parse.GetValue(id), cancellationToken);
            if (parse.GetValue(showJson))
            {
                Output.Json(entry);
                return ExitCodes.Ok;
            }

            Console.Out.WriteLine($"Feedback #{entry.Id}  received {LondonTime.Short(entry.ReceivedAt)}");
            Console.Out.WriteLine($"From:     {entry.Sender}{(entry.SubscriberId is { } s ? $" (subscriber #{s})" : "")}");
            Console.Out.WriteLine($"Council:  {(entry.CouncilCode is null ? "not known" : $"{entry.CouncilName ?? entry.CouncilCode} ({entry.CouncilCode})")}");
            Console.Out.WriteLine($"Bulletin: {(entry.BulletinId is { } b ? $"#{b} (see: stpcollector bulletin show {b})" : "not known")}");
            Console.Out.WriteLine($"Subject:  {FeedbackText.OneLine(entry.Subject)}");
            Console.Out.WriteLine($"Themes:   {(entry.Themes.Count == 0 ? "none (tag it with: stpcollector feedback tag " + entry.Id + " THEME)" : string.Join(", ", entry.Themes))}");
            Console.Out.WriteLine($"FAQ:      {(entry.FaqId is { } faq ? $"quotes entry #{faq} (see: stpcollector faq show {faq})" : "quotes no FAQ entry")}");
            Console.Out.WriteLine($"Message:  inbound #{entry.InboundId} (see: stpcollector holding-pen show {entry.InboundId})");
            Console.Out.WriteLine();
            Console.Out.WriteLine(entry.Words);
            return ExitCodes.Ok;
        });

        var inboundId = new Argument<long>("INBOUND_ID") { CustomParser = WholeNumber.Of<long>("INBOUND_ID"), Description = "Held message number (from holding-pen list)" };
        var onBulletin = new Option<long?>("--bulletin")
        {
            CustomParser = WholeNumber.OrNone<long>("--bulletin"), Description = "The bulletin it answers (by default the one it replies to, if any)",
        };
        var take = new Command("take", "Move a held message (e.g. a reply to the bulletin from someone who is not a subscriber) into feedback") { inboundId, onBulletin };
        take.Handles(async (parse, services, cancellationToken) =>
        {
            var taken = await services.Get<FeedbackTaker>().TakeAsync(parse.GetValue(inboundId), parse.GetValue(onBulletin), cancellationToken);
            Console.Out.WriteLine($"Inbound message #{parse.GetValue(inboundId)} is now feedback #{taken} (see: stpcollector feedback show {taken}).");
            return ExitCodes.Ok;
        });

        return new Command("feedback", "What subscribers write back to the bulletin: list, show, take, tag, untag, themes")
        {
            list, show, take, FeedbackThemeCommands.Tag(), FeedbackThemeCommands.Untag(), FeedbackThemeCommands.Themes(),
        };
    }
}
