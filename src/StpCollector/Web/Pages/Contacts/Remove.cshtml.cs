using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using StpCollector.Audit;
using StpCollector.Contacts;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Contacts;

/// <summary>
/// Officers take a contact off the list after confirming. A contact another feature still holds (the lead a running round
/// invited) is refused with the reason, and deactivating is offered instead.
/// </summary>
[Authorize(Policy = StaffPolicies.Officer)]
public sealed class RemoveModel : ContactPage
{
    internal bool Held { get; private set; }

    public Task<IActionResult> OnGetAsync(long id) => ShowAsync(id);

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (!await LoadAsync(id))
            return NotFound();
        try
        {
            var (removed, withoutLead) = await Service<ContactBook>().RemoveAsync(id, Aborted);
            await AuditAsync(new AuditChange("contacts remove", "contact", id.ToString(CultureInfo.InvariantCulture), removed.Describe(), null,
                withoutLead.Count == 0 ? "" : $"now without a lead: {string.Join(", ", withoutLead)}"));
            return Redirect($"/contacts?council={Uri.EscapeDataString(removed.CouncilCode)}&done=removed");
        }
        catch (ConflictProblem problem)
        {
            Held = true;
            return Refused(problem);
        }
    }
}
