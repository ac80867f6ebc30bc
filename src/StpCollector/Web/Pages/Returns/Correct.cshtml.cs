using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using StpCollector.Audit;
using StpCollector.Rounds;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Returns;

/// <summary>
/// `returns correct` for officers: a new value for one answer, checked by the question's type as an import checks it, with
/// the reason. What the council sent is kept; the correction is shown beside it and is what reports use. Two officers
/// correcting the same answer at once: the second is refused (409) with what they typed kept.
/// </summary>
[Authorize(Policy = StaffPolicies.Officer)]
public sealed class CorrectModel : ConsolePage
{
    [BindProperty]
    public string Value { get; set; } = "";

    [BindProperty]
    public string Reason { get; set; } = "";

    [BindProperty]
    public long Version { get; set; }

    internal AnswerCorrections.Target Target { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, string question)
    {
        if (!await LoadAsync(id, question))
            return NotFound();
        Version = Target.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, string question)
    {
        if (!await LoadAsync(id, question))
            return NotFound();
        if (Value.Trim().Length == 0)
            ModelState.AddModelError(nameof(Value), $"Type the corrected answer to {Target.Question.Id}: {Target.Question.AnswerHint}");
        if (Reason.Trim().Length == 0)
            ModelState.AddModelError(nameof(Reason), "Say why the answer is corrected (for example: the council confirmed it by phone on 3 December)");
        else if (Reason.Trim().Length > AnswerCorrections.MaxReasonLength)
            ModelState.AddModelError(nameof(Reason), $"Keep the reason under {AnswerCorrections.MaxReasonLength} characters");

        AnswerCorrections.Target before;
        AnswerCorrection correction;
        try
        {
            if (!ModelState.IsValid)
            {
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }

            (before, correction) = await Service<AnswerCorrections>().CorrectAsync(id, Target.Question.Id, Value, Reason, Version, Actor.Name, Aborted);
        }
        catch (ConflictProblem problem)
        {
            // A colleague corrected it first: show what is stored now, keep what this officer typed, and let them save again.
            await LoadAsync(id, question);
            ModelState.Remove(nameof(Version));
            Version = Target.Version;
            return Refused(problem);
        }
        catch (InvalidInputProblem problem)
        {
            Show(problem);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await AuditAsync(new AuditChange("returns correct", "return", $"{id}/{correction.QuestionId}", before.Current, correction.Value, correction.Reason));
        return Redirect($"/returns/{id}?done=corrected#answer-{correction.QuestionId}");
    }

    private async Task<bool> LoadAsync(long id, string question)
    {
        try
        {
            Target = await Service<AnswerCorrections>().GetAsync(id, question, Aborted);
            return true;
        }
        catch (NotFoundProblem)
        {
            return false;
        }
    }
}
