using Microsoft.AspNetCore.Mvc;
using StpCollector.Bulletins;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Faq;

/// <summary>What the pages that change one FAQ entry share: the entry loaded (or 404), and a refused change shown as a conflict.</summary>
public abstract class FaqEntryPage : ConsolePage
{
    internal FaqEntry Entry { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id) => await LoadAsync(id) ? Page() : NotFound();

    internal async Task<bool> LoadAsync(long id)
    {
        try
        {
            Entry = await Service<FaqStore>().GetAsync(id, Aborted);
            return true;
        }
        catch (NotFoundProblem)
        {
            return false;
        }
    }

    /// <summary>The change does not fit the entry's state (e.g. published twice): the page again, saying why, status 409.</summary>
    internal IActionResult Refused(ConflictProblem problem)
    {
        Show(problem);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }
}
