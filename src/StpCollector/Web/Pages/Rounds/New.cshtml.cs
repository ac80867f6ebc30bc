using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using StpCollector.Audit;
using StpCollector.Questionnaires;
using StpCollector.Reference;
using StpCollector.Rounds;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Rounds;

/// <summary>
/// `round create` for officers, as a question page and a check page: Continue runs every check the verb runs and shows
/// what the round would be (its councils, those without a lead or with several, its reminders, one council's
/// invitation) without storing anything; "Create the round" stores it. The answers travel in hidden fields.
/// </summary>
[Authorize(Policy = StaffPolicies.Officer)]
public sealed class NewModel : RoundRequestForm
{
    /// <summary>The council whose invitation the check page shows (the first with a lead when none is chosen).</summary>
    [BindProperty]
    public string PreviewCouncil { get; set; } = "";

    internal bool Checking { get; private set; }

    internal RoundPlan? Plan { get; private set; }

    internal InvitationPreview? Preview { get; private set; }

    internal IReadOnlyList<Questionnaire> Questionnaires { get; private set; } = [];

    internal string DefaultReminders => Service<IOptions<RoundsOptions>>().Value.DefaultReminders;

    public async Task<IActionResult> OnGetAsync()
    {
        ModelState.Clear(); // a link may carry answers to start from; they are not checked until Continue
        if (Questionnaire.Length == 0 && Service<QuestionnaireCatalog>().All.Count == 1)
            Questionnaire = Service<QuestionnaireCatalog>().All.First().Id;
        return await FormAsync(StatusCodes.Status200OK);
    }

    /// <summary>Continue (and "Show this council's invitation"): the checks, then the check page; nothing is stored.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (ToRequest() is not { } request)
            return await FormAsync(StatusCodes.Status400BadRequest);
        try
        {
            (Plan, Preview) = await Service<RoundInvitationPreview>().PreviewAsync(request, PreviewCouncil, Aborted);
        }
        catch (Problem problem) when (problem is InvalidInputProblem or NotFoundProblem)
        {
            ShowRoundProblem(problem);
            return await FormAsync(StatusCodes.Status400BadRequest);
        }

        PreviewCouncil = Preview.Council.Code;
        Checking = true;
        return Page();
    }

    /// <summary>"Change" on the check page: the form again with the answers given.</summary>
    public async Task<IActionResult> OnPostChangeAsync()
    {
        ModelState.Clear();
        return await FormAsync(StatusCodes.Status200OK);
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (ToRequest() is not { } request)
            return await FormAsync(StatusCodes.Status400BadRequest);
        CreatedRound created;
        try
        {
            created = await Service<RoundCreator>().CreateAsync(request, Aborted);
        }
        catch (ConflictProblem problem)
        {
            // Councils without a lead, not allowed: the check page again, naming them beside the box to tick.
            (Plan, Preview) = await Service<RoundInvitationPreview>().PreviewAsync(request, PreviewCouncil, Aborted);
            ShowRoundProblem(problem);
            Checking = true;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        catch (Problem problem) when (problem is InvalidInputProblem or NotFoundProblem)
        {
            // Valid when checked, not any more (the opening time has passed meanwhile, a council was removed).
            ShowRoundProblem(problem);
            return await FormAsync(StatusCodes.Status400BadRequest);
        }

        var round = created.Round;
        await AuditAsync(new AuditChange("round create", "round", round.Reference, null, round.Status,
            $"{round.Title}; audience {round.Audience}: {created.Councils.Count} council(s), {created.WithoutLead.Count} without a lead; " +
            $"opens {RoundTimes.Show(round.OpensAt)}, closes {RoundTimes.Show(round.ClosesAt)} (London time); " +
            $"reminders {(round.ReminderDays.Length == 0 ? "none" : round.ReminderDays)}"));
        return Redirect($"{RoundTags.PathFor(round.Reference, round.Id)}?done=created");
    }

    private async Task<IActionResult> FormAsync(int status)
    {
        Checking = false;
        Questionnaires = Service<QuestionnaireCatalog>().All.ToList();
        AudienceLists = await AudienceLists.LoadAsync(Service<CouncilDirectory>(), Aborted);
        Response.StatusCode = status;
        return Page();
    }
}
