using Microsoft.AspNetCore.Mvc;
using StpCollector.Contacts;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Contacts;

/// <summary>What the pages acting on one contact share: the contact as stored (or 404), and the version the officer's form saw.</summary>
public abstract class ContactPage : ConsolePage
{
    [BindProperty]
    public long Version { get; set; }

    internal ContactEntry Contact { get; private set; } = null!;

    internal async Task<bool> LoadAsync(long id)
    {
        try
        {
            Contact = await Service<ContactBook>().GetAsync(id, Aborted);
            return true;
        }
        catch (NotFoundProblem)
        {
            return false;
        }
    }

    /// <summary>A colleague's change came first: the page again with what is stored now, the form ready to save from it.</summary>
    internal async Task<IActionResult> ChangedMeanwhileAsync(Problem problem)
    {
        await LoadAsync(Contact.Id);
        ModelState.Remove(nameof(Version));
        Version = Contact.Version;
        return Refused(problem);
    }

    /// <summary>Deactivate or reactivate (the GET shows what it means; the POST does it), audited with before and after.</summary>
    internal async Task<IActionResult> SetActiveAsync(long id, bool active)
    {
        if (!await LoadAsync(id))
            return NotFound();
        try
        {
            var (before, after) = await Service<ContactBook>().SetActiveAsync(id, active, Version, Aborted);
            await AuditAsync(new StpCollector.Audit.AuditChange(active ? "contacts reactivate" : "contacts deactivate", "contact",
                id.ToString(System.Globalization.CultureInfo.InvariantCulture), before.Describe(), after.Describe()));
            return Redirect($"/contacts?council={Uri.EscapeDataString(after.CouncilCode)}&done={(active ? "reactivated" : "deactivated")}");
        }
        catch (ConflictProblem problem)
        {
            return await ChangedMeanwhileAsync(problem);
        }
    }

    internal async Task<IActionResult> ShowAsync(long id)
    {
        if (!await LoadAsync(id))
            return NotFound();
        Version = Contact.Version;
        return Page();
    }

    internal string CouncilPath => $"/contacts?council={Uri.EscapeDataString(Contact.CouncilCode)}";
}
