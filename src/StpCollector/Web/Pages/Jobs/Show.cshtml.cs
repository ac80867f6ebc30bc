using Microsoft.AspNetCore.Mvc;
using StpCollector.Jobs;

namespace StpCollector.Web.Pages.Jobs;

/// <summary>One background job: how far it has got (read from the database, so a reload or another browser sees the same), and how it ended.</summary>
public sealed class ShowModel : ConsolePage
{
    /// <summary>Seconds between the page's own reloads while the job runs; it works without JavaScript.</summary>
    internal const int RefreshSeconds = 2;

    internal BackgroundJob Job { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id)
    {
        Job = await Service<BackgroundJobStore>().GetAsync(id, Aborted);
        return Page();
    }

    internal static string StateTag(string state) => state switch
    {
        BackgroundJob.Succeeded => "govuk-tag--green",
        BackgroundJob.Failed or BackgroundJob.Interrupted => "govuk-tag--red",
        BackgroundJob.Running => "govuk-tag--blue",
        _ => "govuk-tag--grey",
    };

    internal static string StateWords(string state) => state switch
    {
        BackgroundJob.Queued => "waiting to start",
        BackgroundJob.Running => "running",
        BackgroundJob.Succeeded => "finished",
        BackgroundJob.Failed => "failed",
        _ => "interrupted",
    };
}
