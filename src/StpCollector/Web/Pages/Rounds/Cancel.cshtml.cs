using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using StpCollector.Audit;
using StpCollector.Rounds;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Rounds;

/// <summary>`round cancel` for officers, after a confirmation: invitations and reminders not yet sent are withdrawn.</summary>
[Authorize(Policy = StaffPolicies.Officer)]
public sealed class CancelModel : RoundActionPage
{
    public async Task<IActionResult> OnGetAsync(string reference)
    {
        if (!await LoadAsync(reference))
            return NotFound();
        return Round.Status == RoundStatus.Cancelled ? Refused(new ConflictProblem($"Round {Round.Reference} is already cancelled.")) : Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference)
    {
        if (!await LoadAsync(reference))
            return NotFound();
        var before = Round.Status;
        (Round Round, int Withdrawn) cancelled;
        try
        {
            cancelled = await Service<RoundChanges>().CancelAsync(Round.Id, Aborted);
        }
        catch (ConflictProblem problem)
        {
            return Refused(problem);
        }

        await AuditAsync(new AuditChange("round cancel", "round", cancelled.Round.Reference, before, cancelled.Round.Status,
            $"{cancelled.Withdrawn} unsent message(s) withdrawn from the outbox"));
        return Redirect($"{RoundPath}?done=cancelled");
    }
}
