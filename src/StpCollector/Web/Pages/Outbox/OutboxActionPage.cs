using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using StpCollector.Audit;
using StpCollector.Outbox;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Outbox;

/// <summary>
/// An officer's change to one outgoing message (send again, cancel): the message is read, the change asked of the
/// outbox, audited with the status before and after, and a change the message's state forbids is refused with 409.
/// </summary>
[Authorize(Policy = StaffPolicies.Officer)]
public abstract class OutboxActionPage : ConsolePage
{
    internal OutboxEntry Entry { get; private set; } = null!;

    /// <summary>The audit action, as the verb names it ("outbox retry").</summary>
    private protected abstract string Action { get; }

    /// <summary>The word the message's page turns into its success banner.</summary>
    private protected abstract string Done { get; }

    private protected abstract Task<OutboxEntry> ChangeAsync(OutboxBrowser outbox, long id);

    public async Task<IActionResult> OnGetAsync(long id)
    {
        await LoadAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        await LoadAsync(id);
        OutboxEntry after;
        try
        {
            after = await ChangeAsync(Service<OutboxBrowser>(), id);
        }
        catch (ConflictProblem problem)
        {
            return Refused(problem);
        }

        await AuditAsync(new AuditChange(Action, "outbox", id.ToString(CultureInfo.InvariantCulture), Entry.Status, after.Status));
        return Redirect($"/outbox/{id}?done={Done}");
    }

    private async Task LoadAsync(long id) => (Entry, _) = await Service<OutboxBrowser>().GetAsync(id, Aborted);
}
