using System.CommandLine;
using System.Globalization;
using StpCollector.Calendar;
using StpCollector.Cli;

namespace StpCollector.Bulletins;

/// <summary>`feedback tag`, `untag` and `themes`: the themes of Reports:Themes on feedback, as staff see and change them.</summary>
internal static class FeedbackThemeCommands
{
    public static Command Tag()
    {
        var (id, theme) = Arguments();
        var tag = new Command("tag", "Tag feedback with a theme (one of Reports:Themes; see: stpcollector feedback themes)") { id, theme };
        tag.Handles(async (parse, services, cancellationToken) =>
        {
            var themes = services.Get<FeedbackThemes>();
            var added = await themes.TagAsync(parse.GetValue(id), parse.GetValue(theme)!, cancellationToken);
            var known = themes.Known(parse.GetValue(theme)!);
            Console.Out.WriteLine(added ? $"Feedback #{parse.GetValue(id)} is now tagged {known}." : $"Feedback #{parse.GetValue(id)} was already tagged {known}; the tag is now staff's.");
            return ExitCodes.Ok;
        });
        return tag;
    }

    public static Command Untag()
    {
        var (id, theme) = Arguments();
        var untag = new Command("untag", "Remove a theme from feedback (whether it was tagged automatically or by staff)") { id, theme };
        untag.Handles(async (parse, services, cancellationToken) =>
        {
            await services.Get<FeedbackThemes>().UntagAsync(parse.GetValue(id), parse.GetValue(theme)!, cancellationToken);
            Console.Out.WriteLine($"Feedback #{parse.GetValue(id)} is no longer tagged {parse.GetValue(theme)}.");
            return ExitCodes.Ok;
        });
        return untag;
    }

    public static Command Themes()
    {
        var json = CommonOptions.Json();
        var themes = new Command("themes", "How much feedback touches each theme, in all and since the last bulletin was sent") { json };
        themes.Handles(async (parse, services, cancellationToken) =>
        {
            var service = services.Get<FeedbackThemes>();
            var counts = await service.CountsAsync(cancellationToken);
            var lastSent = await service.LastBulletinSentAsync(cancellationToken);
            if (parse.GetValue(json))
            {
                Output.Json(new { LastBulletinSent = lastSent, Themes = counts });
                return ExitCodes.Ok;
            }

            var since = lastSent is { } sent ? $"Since {LondonTime.Short(sent)}" : "Since last bulletin";
            Output.Table(["Theme", "Label", "Feedback", since], counts.Select(c => new[]
            {
                c.Theme, c.Configured ? c.Label : "(no longer in Reports:Themes)", c.Feedback.ToString(CultureInfo.InvariantCulture),
                c.SinceLastBulletin.ToString(CultureInfo.InvariantCulture),
            }), "No themes are configured: add them under Reports:Themes in appsettings.json.");
            if (lastSent is null)
                Console.Out.WriteLine("No bulletin has been sent yet, so all feedback is new.");
            return ExitCodes.Ok;
        });
        return themes;
    }

    private static (Argument<long> Id, Argument<string> Theme) Arguments() => (
        new Argument<long>("ID") { CustomParser = WholeNumber.Of<long>("ID"), Description = "Feedback number (from feedback list)" },
        new Argument<string>("THEME") { Description = "A theme's key in Reports:Themes, e.g. social_care (see: stpcollector feedback themes)" });
}
