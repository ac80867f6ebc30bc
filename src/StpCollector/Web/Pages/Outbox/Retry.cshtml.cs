using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using StpCollector.Audit;
using StpCollector.Outbox;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Outbox;

/// <summary>`outbox retry` for officers: a failed or cancelled message goes back in the queue; a sent one never goes twice.</summary>
[Authorize(Policy = StaffPolicies.Officer)]
public sealed class RetryModel : ConsolePage
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
            after = await Service<OutboxBrowser>().RetryAsync(id, Aborted);
        }
        catch (ConflictProblem problem)
        {
            return Refused(problem);
        }

        await AuditAsync(new AuditChange("outbox retry", "outbox", id.ToString(CultureInfo.InvariantCulture), Entry.Status, after.Status));
        return Redirect($"/outbox/{id}?done=retried");
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
