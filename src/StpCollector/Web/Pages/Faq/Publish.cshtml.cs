using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using StpCollector.Audit;
using StpCollector.Bulletins;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Faq;

/// <summary>`faq publish` for officers: after a confirmation, the entry goes into the next bulletin; optionally its sources are told.</summary>
[Authorize(Policy = StaffPolicies.Officer)]
public sealed class PublishModel : FaqEntryPage
{
    [BindProperty]
    public bool Notify { get; set; }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (!await LoadAsync(id))
            return NotFound();
        FaqEntry published;
        try
        {
            published = await Service<FaqStore>().PublishAsync(id, Aborted);
        }
        catch (ConflictProblem problem)
        {
            return Refused(problem);
        }

        var detail = "";
        if (Notify)
        {
            var notices = await Service<FaqNotifier>().NotifyAsync(published, Aborted);
            detail = $"notified: {notices.Queued} note(s) queued, {notices.Forgotten} no longer with an address, {notices.NotSubscribed} not an active subscriber, {notices.AlreadyTold} already told";
        }

        await AuditAsync(new AuditChange("faq publish", "faq", id.ToString(CultureInfo.InvariantCulture), Entry.Status, published.Status, detail));
        return Redirect($"/faq/{id}?done={(Notify ? "published-notified" : "published")}");
    }
}
