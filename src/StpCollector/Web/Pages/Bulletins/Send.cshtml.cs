using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using StpCollector.Audit;
using StpCollector.Bulletins;

namespace StpCollector.Web.Pages.Bulletins;

/// <summary>Officers send an approved bulletin to every active subscriber now, through the outbox as the schedule would.</summary>
[Authorize(Policy = StaffPolicies.Officer)]
public sealed class SendModel : BulletinActionPage
{
    internal int Subscribers { get; private set; }

    public override async Task<IActionResult> OnGetAsync(long id)
    {
        if (!await LoadAsync(id))
            return NotFound();
        Subscribers = (await Service<SubscriberStore>().ListAsync(activeOnly: true, Aborted)).Count;
        return Page();
    }

    public Task<IActionResult> OnPostAsync(long id) => ActAsync(id, async () =>
    {
        var sent = await Service<BulletinDrafts>().SendNowAsync(id, Aborted);
        await AuditAsync(new AuditChange("bulletin send", "bulletin", id.ToString(CultureInfo.InvariantCulture), Bulletin.Status, sent.Status,
            $"queued for {sent.Recipients} subscriber(s)"));
        return Redirect($"/bulletins/{id}?done=sent");
    });
}
