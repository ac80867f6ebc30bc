using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using StpCollector.Audit;
using StpCollector.Contacts;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Contacts;

/// <summary>Officers change a contact's name, address and role (lead or another); a colleague's change since the form was opened is a 409 that keeps what was typed.</summary>
[Authorize(Policy = StaffPolicies.Officer)]
public sealed class EditModel : ContactPage
{
    [BindProperty]
    public string Name { get; set; } = "";

    [BindProperty]
    public string Email { get; set; } = "";

    [BindProperty]
    public string Role { get; set; } = "";

    internal static IReadOnlyList<string> Roles => [.. ContactRoles.All.Order(StringComparer.Ordinal)];

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (!await LoadAsync(id))
            return NotFound();
        (Name, Email, Role, Version) = (Contact.Name, Contact.Email, Contact.Role, Contact.Version);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (!await LoadAsync(id))
            return NotFound();
        try
        {
            var (before, after) = await Service<ContactBook>().EditAsync(id, Name, Email, Role, Version, Aborted);
            await AuditAsync(new AuditChange("contacts edit", "contact", id.ToString(System.Globalization.CultureInfo.InvariantCulture), before.Describe(), after.Describe()));
            return Redirect($"/contacts?council={Uri.EscapeDataString(after.CouncilCode)}&done=changed");
        }
        catch (ConflictProblem problem)
        {
            return await ChangedMeanwhileAsync(problem);
        }
        catch (InvalidInputProblem problem)
        {
            Show(problem);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }
}
