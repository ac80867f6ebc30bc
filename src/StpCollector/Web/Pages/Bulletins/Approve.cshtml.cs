using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using StpCollector.Audit;
using StpCollector.Bulletins;

namespace StpCollector.Web.Pages.Bulletins;

/// <summary>`bulletin approve` for approvers, four-eyes: whoever made the last change to the bulletin cannot approve it.</summary>
[Authorize(Policy = StaffPolicies.Approver)]
public sealed class ApproveModel : BulletinActionPage
{
    internal bool MadeLastChange => string.Equals(Bulletin.ChangedBy, Actor.Name, StringComparison.OrdinalIgnoreCase);

    public Task<IActionResult> OnPostAsync(long id) => ActAsync(id, async () =>
    {
        var approved = await Service<BulletinDrafts>().ApproveAsync(id, Actor.Name, Aborted);
        await AuditAsync(new AuditChange(BulletinBrowser.ApproveAction, "bulletin", id.ToString(CultureInfo.InvariantCulture), Bulletin.Status, approved.Status,
            $"last changed by {Bulletin.ChangedBy ?? "(the files, not the console)"}"));
        return Redirect($"/bulletins/{id}?done=approved");
    });
}
