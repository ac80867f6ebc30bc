using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using StpCollector.Audit;
using StpCollector.Foi;
using StpCollector.Questionnaires;
using StpCollector.Reference;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Foi;

/// <summary>
/// `foi create` for officers, as a question page and a check page: Continue runs the verb's checks and says how many
/// requests would go and which councils have no FoI contact, storing nothing; "Send the requests" queues them.
/// The answers travel in hidden fields.
/// </summary>
[Authorize(Policy = StaffPolicies.Officer)]
public sealed class NewModel : ConsolePage
{
    [BindProperty] public string Title { get; set; } = "";
    [BindProperty] public string Body { get; set; } = "";
    [BindProperty] public string AudienceKind { get; set; } = "";
    [BindProperty] public string RegionName { get; set; } = "";
    [BindProperty] public string FootprintId { get; set; } = "";
    [BindProperty] public List<string> Councils { get; set; } = [];
    [BindProperty] public string Questionnaire { get; set; } = "";
    [BindProperty] public bool AllowMissingContacts { get; set; }

    internal bool Checking { get; private set; }

    internal FoiRequestWriter.Plan? Plan { get; private set; }

    internal IReadOnlyList<Questionnaire> Questionnaires => Service<QuestionnaireCatalog>().All.ToList();

    internal AudienceLists AudienceLists { get; private set; } = AudienceLists.None;

    internal AudienceChoice Audience => new(AudienceKind, RegionName, FootprintId, Councils, AudienceLists,
        "the requests are for", "Which councils is the request for?", "Each council chosen gets its own request, sent to its FoI contact.");

    public async Task<IActionResult> OnGetAsync() => await FormAsync(StatusCodes.Status200OK);

    /// <summary>Continue: the checks, then the check page; nothing is stored.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (await CheckAsync() is null)
            return await FormAsync(StatusCodes.Status400BadRequest);
        Checking = true;
        return Page();
    }

    /// <summary>"Change the answers" on the check page: the form again with the answers given.</summary>
    public async Task<IActionResult> OnPostChangeAsync()
    {
        ModelState.Clear();
        return await FormAsync(StatusCodes.Status200OK);
    }

    public async Task<IActionResult> OnPostSendAsync()
    {
        if (await CheckAsync() is not { } audience)
            return await FormAsync(StatusCodes.Status400BadRequest);
        if (Plan!.WithoutContact.Count > 0 && !AllowMissingContacts)
            return Refuse();

        FoiRequestWriter.Created created;
        try
        {
            created = await Service<FoiRequestWriter>().CreateAsync(Title, Body, audience, QuestionnaireId, AllowMissingContacts, Aborted);
        }
        catch (InvalidInputProblem problem) when (problem.Field == "audience" && !AllowMissingContacts)
        {
            Plan = await Service<FoiRequestWriter>().PlanAsync(Title, Body, audience, QuestionnaireId, Aborted);
            return Refuse(); // a contact was removed since the check page was shown
        }

        var batch = created.BatchId.ToString(CultureInfo.InvariantCulture);
        await AuditAsync(new AuditChange("foi create", "foi_batch", batch, null, "queued",
            $"{Title}; audience {audience}; questionnaire {QuestionnaireId ?? "none"}: {created.RequestIds.Count} request(s) queued, " +
            $"{created.CouncilsWithoutContact.Count} council(s) without an FoI contact" +
            (created.CouncilsWithoutContact.Count == 0 ? "" : $" ({string.Join(", ", created.CouncilsWithoutContact)})")));
        return Redirect($"/foi?batch={batch}&done=created");
    }

    private string? QuestionnaireId => Questionnaire.Trim().Length == 0 ? null : Questionnaire.Trim();

    /// <summary>The form's own checks, then the verb's (storing nothing); the audience text when all pass, with <see cref="Plan"/> set.</summary>
    private async Task<string?> CheckAsync()
    {
        ModelState.Clear(); // fields the picker leaves out (the region when a footprint is chosen) are not wanted
        if (string.IsNullOrWhiteSpace(Title))
            ModelState.AddModelError(nameof(Title), "Enter a title for the request, for example \"Council involvement in the STP\"");
        if (string.IsNullOrWhiteSpace(Body))
            ModelState.AddModelError(nameof(Body), "Enter the text of the request: what the councils are asked to provide");
        if (QuestionnaireId is { } id && Service<QuestionnaireCatalog>().Find(id) is null)
            ModelState.AddModelError(nameof(Questionnaire), "Choose a questionnaire from the list, or \"No questionnaire\"");
        var (audience, field, error) = Audience.ToAudience();
        if (audience is null)
            ModelState.AddModelError(field, error);
        if (!ModelState.IsValid)
            return null;

        try
        {
            Plan = await Service<FoiRequestWriter>().PlanAsync(Title, Body, audience!, QuestionnaireId, Aborted);
            return audience;
        }
        catch (Problem problem) when (problem is InvalidInputProblem or NotFoundProblem)
        {
            ModelState.AddModelError(problem.Field switch
            {
                "title" => nameof(Title),
                "body-file" => nameof(Body),
                "questionnaire" => nameof(Questionnaire),
                _ => Audience.ProblemField,
            }, ConsoleWords.FromCommandLine(problem.Message));
            return null;
        }
    }

    /// <summary>Councils without an FoI contact, not allowed: the check page again, naming them beside the box to tick.</summary>
    private IActionResult Refuse()
    {
        ModelState.AddModelError(nameof(AllowMissingContacts),
            $"{Display.Plural(Plan!.WithoutContact.Count, "council has", "councils have")} no FoI contact. Import their FoI contacts first, " +
            "or tick \"Send to the councils that have an FoI contact even if some have none\".");
        Checking = true;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<IActionResult> FormAsync(int status)
    {
        Checking = false;
        AudienceLists = await AudienceLists.LoadAsync(Service<CouncilDirectory>(), Aborted);
        Response.StatusCode = status;
        return Page();
    }
}
