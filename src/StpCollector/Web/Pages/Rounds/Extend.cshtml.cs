using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using StpCollector.Audit;
using StpCollector.Calendar;
using StpCollector.Rounds;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Rounds;

/// <summary>
/// `round extend` for officers: a later deadline (a closed round opens again). The form carries the round's version, so
/// when a colleague moved the deadline meanwhile the change is refused with the current deadline shown and the date typed kept.
/// </summary>
[Authorize(Policy = StaffPolicies.Officer)]
public sealed class ExtendModel : RoundActionPage
{
    [BindProperty] public string ClosesDate { get; set; } = "";
    [BindProperty] public string ClosesTime { get; set; } = "";
    [BindProperty] public long Version { get; set; }

    public async Task<IActionResult> OnGetAsync(string reference)
    {
        if (!await LoadAsync(reference))
            return NotFound();
        var closes = LondonTime.ToLondon(Round.ClosesAt);
        (ClosesDate, ClosesTime) = (closes.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            closes.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        Version = await Service<RoundChanges>().VersionAsync(Round.Id, Aborted);
        return Round.Status == RoundStatus.Cancelled ? Refused(Cancelled()) : Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference)
    {
        ModelState.Clear();
        if (!await LoadAsync(reference))
            return NotFound();
        if (ClosesDate.Trim().Length == 0 || ClosesTime.Trim().Length == 0)
        {
            ModelState.AddModelError(nameof(ClosesDate), ClosesDate.Trim().Length == 0
                ? "Enter the new date the round closes, for example 2026-12-18"
                : "Enter the time of day the round closes, for example 17:00");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var before = Round;
        Round extended;
        try
        {
            extended = await Service<RoundChanges>().ExtendAsync(Round.Id, $"{ClosesDate.Trim()} {ClosesTime.Trim()}", Version, Aborted);
        }
        catch (ConflictProblem problem)
        {
            // Cancelled, or changed by a colleague: the round as it is now, the date typed kept, the version brought up to date.
            await LoadAsync(reference);
            Version = await Service<RoundChanges>().VersionAsync(Round.Id, Aborted);
            ModelState.AddModelError(nameof(ClosesDate), RoundRequestForm.Plain(problem.Message));
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        catch (InvalidInputProblem problem)
        {
            ModelState.AddModelError(nameof(ClosesDate), RoundRequestForm.Plain(problem.Message));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await AuditAsync(new AuditChange("round extend", "round", extended.Reference, RoundTimes.Show(before.ClosesAt), RoundTimes.Show(extended.ClosesAt),
            $"closes (London time); status {before.Status} -> {extended.Status}"));
        return Redirect($"{RoundPath}?done=extended");
    }

    private ConflictProblem Cancelled() => new($"Round {Round.Reference} was cancelled; it cannot be extended. Create a new round instead.");
}
