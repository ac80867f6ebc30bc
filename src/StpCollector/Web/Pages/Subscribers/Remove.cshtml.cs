using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using StpCollector.Audit;
using StpCollector.Bulletins;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Subscribers;

/// <summary>`subscribers remove` for officers, after a confirmation: the person is taken off the list entirely.</summary>
[Authorize(Policy = StaffPolicies.Officer)]
public sealed class RemoveModel : ConsolePage
{
    internal Subscriber Subscriber { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (!await LoadAsync(id))
            return NotFound();
        if (!await Service<SubscriberStore>().RemoveAsync(Subscriber.Email, Aborted))
            return NotFound();
        await AuditAsync(new AuditChange("subscribers remove", "subscribers", Subscriber.Email, Subscriber.Status, "removed",
            $"{Subscriber.HardBounces} hard and {Subscriber.SoftBounces} soft bounce(s)"));
        return Redirect("/subscribers?done=removed");
    }

    private async Task<bool> LoadAsync(long id)
    {
        try
        {
            Subscriber = await Service<SubscriberStore>().GetAsync(id, Aborted);
            return true;
        }
        catch (NotFoundProblem)
        {
            return false;
        }
    }
}
