using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace StpCollector.Web.Pages.Contacts;

/// <summary>Officers deactivate a contact: it stays on record but is sent no further invitations, reminders or FoI requests.</summary>
[Authorize(Policy = StaffPolicies.Officer)]
public sealed class DeactivateModel : ContactPage
{
    public Task<IActionResult> OnGetAsync(long id) => ShowAsync(id);

    public Task<IActionResult> OnPostAsync(long id) => SetActiveAsync(id, active: false);
}
