using Microsoft.AspNetCore.Mvc;
using StpCollector.Bulletins;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Faq;

/// <summary>What the pages that change one FAQ entry share: the entry loaded, or 404.</summary>
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
}
