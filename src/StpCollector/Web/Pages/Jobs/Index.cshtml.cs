using Microsoft.AspNetCore.Mvc;
using StpCollector.Jobs;

namespace StpCollector.Web.Pages.Jobs;

/// <summary>The latest background jobs, newest first, with how far each has got.</summary>
public sealed class IndexModel : ConsolePage
{
    internal const int Shown = 50;

    internal IReadOnlyList<BackgroundJob> Jobs { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        Jobs = await Service<BackgroundJobStore>().RecentAsync(Shown, Aborted);
        return Page();
    }
}
