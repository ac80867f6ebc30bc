using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using StpCollector.Audit;
using StpCollector.Bulletins;

namespace StpCollector.Web.Pages.Bulletins;

/// <summary>`bulletin test-send` for officers, to their own address only: one copy marked as a test, never counted as the bulletin's send.</summary>
[Authorize(Policy = StaffPolicies.Officer)]
public sealed class TestSendModel : BulletinActionPage
{
    /// <summary>The signed-in person's own address (staff sign in with their email).</summary>
    internal string Me => Actor.Name;

    public Task<IActionResult> OnPostAsync(long id) => ActAsync(id, async () =>
    {
        var message = await Service<BulletinDrafts>().TestSendAsync(id, Me, Aborted);
        await AuditAsync(new AuditChange("bulletin test-send", "bulletin", id.ToString(CultureInfo.InvariantCulture),
            Detail: $"to {Me} (outbox message {message.ToString(CultureInfo.InvariantCulture)})"));
        return Redirect($"/bulletins/{id}?done=test-sent");
    });
}
