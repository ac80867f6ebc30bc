using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace StpCollector.Web.Pages.Contacts;

/// <summary>Officers reactivate a contact: it is sent invitations, reminders and FoI requests again.</summary>
[Authorize(Policy = StaffPolicies.Officer)]
public sealed class ReactivateModel : ContactPage
{
    public Task<IActionResult> OnGetAsync(long id) => ShowAsync(id);

    public Task<IActionResult> OnPostAsync(long id) => SetActiveAsync(id, active: true);
}
