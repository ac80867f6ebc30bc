using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using StpCollector.Audit;
using StpCollector.Bulletins;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Faq;

/// <summary>`faq retire` for officers: after a confirmation, the entry leaves the bulletin and stays listed as retired.</summary>
[Authorize(Policy = StaffPolicies.Officer)]
public sealed class RetireModel : FaqEntryPage
{
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
            return Refused(problem);
        }

        await AuditAsync(new AuditChange("faq retire", "faq", id.ToString(CultureInfo.InvariantCulture), Entry.Status, retired.Status));
        return Redirect($"/faq/{id}?done=retired");
    }
}
