using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using StpCollector.Audit;
using StpCollector.Rounds;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Rounds;

/// <summary>
/// `round remind --councils` for officers: the councils whose invitation went and who have not sent a complete return
/// are offered, none ticked; the ones ticked get a reminder now, through the same service as the verb.
/// </summary>
[Authorize(Policy = StaffPolicies.Officer)]
public sealed class RemindModel : RoundActionPage
{
    [BindProperty]
    public List<string> Councils { get; set; } = [];

    /// <summary>Councils that can be reminded: invited, the invitation sent and not bounced, and no complete return.</summary>
    internal IReadOnlyList<CouncilProgress> Offered { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string reference)
    {
        if (!await LoadAsync(reference))
            return NotFound();
        await OfferAsync();
        return RefusalNow() is { } refusal ? Refused(refusal) : Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference)
    {
        ModelState.Clear();
        if (!await LoadAsync(reference))
            return NotFound();
        await OfferAsync();
        var chosen = Councils.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (chosen.Count == 0 && RefusalNow() is null)
        {
            ModelState.AddModelError(nameof(Councils), "Choose at least one council to remind");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        RoundChaser.Chase chase;
        try
        {
            chase = await Service<RoundChaser>().RemindAsync(Round.Id, chosen, Aborted);
        }
        catch (Problem problem) when (problem is InvalidInputProblem { Field: "councils" })
        {
            ModelState.AddModelError(nameof(Councils), problem.Message);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        catch (Problem problem) when (problem is InvalidInputProblem or UnavailableProblem)
        {
            // The round is not open (not yet, cancelled or closed), or its questionnaire is missing.
            return Refused(problem);
        }

        var reminded = string.Join(", ", chase.Reminded.Select(r => r.CouncilCode));
        await AuditAsync(new AuditChange("round remind", "round", chase.Round.Reference, null, null,
            $"{chase.Reminded.Count} reminder(s) queued{(reminded.Length > 0 ? $": {reminded}" : "")}" +
            (chase.NotReminded.Count > 0 ? $"; not reminded: {string.Join("; ", chase.NotReminded)}" : "")));
        return Redirect($"{RoundPath}?done=reminded");
    }

    private async Task OfferAsync()
    {
        var progress = await Service<RoundProgress>().ShowAsync(Round.Id, Aborted);
        Offered = progress.Councils.Where(c => c.Council.Delivery == "sent" && c.Return is null or CouncilProgress.Partial).ToList();
    }

    /// <summary>The verb's own refusals, said before anything is ticked: nobody is reminded before the opening, after the close or once cancelled.</summary>
    private InvalidInputProblem? RefusalNow() => Round.Status != RoundStatus.Open || Round.ClosesAt <= Service<TimeProvider>().GetUtcNow()
        ? new InvalidInputProblem(Round.Status switch
        {
            RoundStatus.Scheduled => $"Round {Round.Reference} has not opened yet; there is nobody to remind before the invitations go.",
            RoundStatus.Cancelled => $"Round {Round.Reference} was cancelled; its councils are not reminded.",
            _ => $"Round {Round.Reference} is closed. To chase late returns, extend its deadline first.",
        })
        : null;
}
