using Microsoft.AspNetCore.Mvc;
using StpCollector.Bulletins;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Bulletins;

/// <summary>What the pages that act on one bulletin share: the bulletin loaded, or 404; a refusal shows it as it is now.</summary>
public abstract class BulletinActionPage : ConsolePage
{
    internal BulletinRecord Bulletin { get; private set; } = null!;

    public virtual async Task<IActionResult> OnGetAsync(long id) => await LoadAsync(id) ? Page() : NotFound();

    internal async Task<bool> LoadAsync(long id)
    {
        try
        {
            Bulletin = await Service<BulletinBrowser>().GetAsync(id, Aborted);
            return true;
        }
        catch (NotFoundProblem)
        {
            return false;
        }
    }

    /// <summary>Runs the change; a problem the bulletin's state causes is the page again with 409 (its record reloaded).</summary>
    internal async Task<IActionResult> ActAsync(long id, Func<Task<IActionResult>> change)
    {
        if (!await LoadAsync(id))
            return NotFound();
        try
        {
            return await change();
        }
        catch (ConflictProblem problem)
        {
            await LoadAsync(id);
            return Refused(problem);
        }
        catch (InvalidInputProblem problem)
        {
            Show(problem);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }
}
