using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using StpCollector.Audit;
using StpCollector.Bulletins;
using StpCollector.Calendar;

namespace StpCollector.Web.Pages.Bulletins;

/// <summary>Officers move an approved bulletin to another time, given as London wall-clock time; the sweep sends it then.</summary>
[Authorize(Policy = StaffPolicies.Officer)]
public sealed class ScheduleModel : BulletinActionPage
{
    private static readonly string[] Formats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];

    [BindProperty]
    public string? At { get; set; }

    public override async Task<IActionResult> OnGetAsync(long id)
    {
        if (!await LoadAsync(id))
            return NotFound();
        At = LondonTime.ToLondon(Bulletin.ScheduledFor).ToString(Formats[0], CultureInfo.InvariantCulture);
        return Page();
    }

    public Task<IActionResult> OnPostAsync(long id) => ActAsync(id, async () =>
    {
        if (!DateTime.TryParseExact((At ?? "").Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wallClock))
        {
            ModelState.AddModelError(nameof(At), "Enter the date and time in London time, for example 2027-01-04 09:00.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var before = Bulletin.ScheduledFor;
        var moved = await Service<BulletinDrafts>().ScheduleAsync(id, LondonTime.FromLondon(wallClock), Aborted);
        await AuditAsync(new AuditChange("bulletin schedule", "bulletin", id.ToString(CultureInfo.InvariantCulture),
            LondonTime.Short(before), LondonTime.Short(moved.ScheduledFor), "London time"));
        return Redirect($"/bulletins/{id}?done=scheduled");
    });
}
