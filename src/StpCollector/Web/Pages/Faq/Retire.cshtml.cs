using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using StpCollector.Audit;
using StpCollector.Bulletins;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Faq;

/// <summary>`faq retire` for officers: after a confirmation, the entry leaves the bulletin and stays listed as retired.</summary>
[Authorize(Policy = StaffPolicies.Officer)]
public sealed class RetireModel : ConsolePage
{
    internal FaqEntry Entry { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (!await LoadAsync(id))
            return NotFound();
        FaqEntry retired;
        try
        {
            retired = await Service<FaqStore>().RetireAsync(id, Aborted);
        }
        catch (ConflictProblem problem)
        {
            Show(problem);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        await AuditAsync(new AuditChange("faq retire", "faq", id.ToString(CultureInfo.InvariantCulture), Entry.Status, retired.Status));
        return Redirect($"/faq/{id}?done=retired");
    }

    private async Task<bool> LoadAsync(long id)
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
