using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using StpCollector.Audit;
using StpCollector.Outbox;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Outbox;

/// <summary>`outbox cancel` for officers: a waiting or failed message is withdrawn and never sent; a sent one cannot be called back.</summary>
[Authorize(Policy = StaffPolicies.Officer)]
public sealed class CancelModel : ConsolePage
{
    internal OutboxEntry Entry { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (!await LoadAsync(id))
            return NotFound();
        OutboxEntry after;
        try
        {
            after = await Service<OutboxBrowser>().CancelAsync(id, Aborted);
        }
        catch (ConflictProblem problem)
        {
            return Refused(problem);
        }

        await AuditAsync(new AuditChange("outbox cancel", "outbox", id.ToString(CultureInfo.InvariantCulture), Entry.Status, after.Status));
        return Redirect($"/outbox/{id}?done=cancelled");
    }

    private async Task<bool> LoadAsync(long id)
    {
        try
        {
            (Entry, _) = await Service<OutboxBrowser>().GetAsync(id, Aborted);
            return true;
        }
        catch (NotFoundProblem)
        {
            return false;
        }
    }
}
