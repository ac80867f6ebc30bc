using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using StpCollector.Bulletins;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Feedback;

/// <summary>What subscribers wrote back to the bulletin, newest first, filtered as `feedback list` filters (theme, since, bulletin).</summary>
public sealed class IndexModel : ConsolePage
{
    internal string? Theme { get; private set; }

    internal string? Since { get; private set; }

    internal string? Bulletin { get; private set; }

    internal bool Filtered => Theme is { Length: > 0 } || Since is { Length: > 0 } || Bulletin is { Length: > 0 };

    internal IReadOnlyList<ThemeCount> Themes { get; private set; } = [];

    internal IReadOnlyList<FeedbackEntry> Entries { get; private set; } = [];

    internal ListLinks Links { get; private set; } = new(null, null);

    public async Task<IActionResult> OnGetAsync(string? theme, string? since, string? bulletin)
    {
        (Theme, Since, Bulletin) = (theme?.Trim(), since?.Trim(), bulletin?.Trim());
        Themes = await Service<FeedbackThemes>().CountsAsync(Aborted);
        DateOnly? day = null;
        long? bulletinId = null;
        string? themeId = null;
        if (Since is { Length: > 0 })
        {
            if (DateOnly.TryParseExact(Since, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                day = parsed;
            else
                ModelState.AddModelError("since", "Enter the day as year-month-day, e.g. 2026-11-01.");
        }

        if (Bulletin is { Length: > 0 })
        {
            if (long.TryParse(Bulletin, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                bulletinId = number;
            else
                ModelState.AddModelError("bulletin", "Enter the bulletin's number, e.g. 3.");
        }

        if (Theme is { Length: > 0 })
        {
            try
            {
                themeId = Service<FeedbackThemes>().Known(Theme, "theme");
            }
            catch (InvalidInputProblem problem)
            {
                Show(problem);
            }
        }

        // Read from the query itself: "page" is also the name of Razor's own route value (the page's path).
        var page = Request.Query["page"].ToString();
        var pageNumber = 1;
        if (page.Length > 0 && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out pageNumber) || pageNumber < 1))
            ModelState.AddModelError("", "There is no such page of feedback: go back to the first page.");
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var all = await Service<FeedbackStore>().ListAsync(day, bulletinId, themeId, Aborted);
        Entries = all.Skip((pageNumber - 1) * ListLinks.PageSize).Take(ListLinks.PageSize).ToList();
        Links = ListLinks.ByNumber(Request, pageNumber, all.Count > pageNumber * ListLinks.PageSize) with { NewerLabel = "Newer", OlderLabel = "Older" };
        return Page();
    }

    internal static string FirstWords(FeedbackEntry entry) => FeedbackText.FirstWords(entry.Words, 80);

    internal static string Council(FeedbackEntry entry) => entry.CouncilName ?? entry.CouncilCode ?? "not known";
}
