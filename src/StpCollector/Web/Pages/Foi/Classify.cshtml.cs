using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using StpCollector.Audit;
using StpCollector.Foi;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Foi;

/// <summary>`foi classify` for officers: record what the council did (asked for clarification, refused, answered...).</summary>
[Authorize(Policy = StaffPolicies.Officer)]
public sealed class ClassifyModel : ConsolePage
{
    /// <summary>The statuses staff set by hand, in the words they read.</summary>
    internal static readonly IReadOnlyList<(string Status, string Label, string Hint)> Choices =
    [
        (FoiStatus.Acknowledged, "The council acknowledged the request", "The clock keeps running."),
        (FoiStatus.Clarification, "The council asked us to clarify the request", "Reply to the council; record the response when it comes."),
        (FoiStatus.Partial, "Partly answered", "Some of what was asked was given; code the answers from the letter."),
        (FoiStatus.Answered, "Answered in full", "Code the answers from the letter if they were not read automatically."),
        (FoiStatus.Refused, "Refused", "Give the exemption the council cited, for example s.12 (cost limit) or s.14 (vexatious)."),
        (FoiStatus.Withdrawn, "Withdrawn by us", "No response is expected any more."),
        (FoiStatus.Awaiting, "Still waiting for the council's response", "Undo a status recorded by mistake."),
    ];

    [BindProperty]
    public string Status { get; set; } = "";

    [BindProperty]
    public string Exemption { get; set; } = "";

    /// <summary>The status the form was read with: if a colleague records a response first, this person is told.</summary>
    [BindProperty]
    public string Seen { get; set; } = "";

    internal FoiRequestStore.View FoiRequest { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id)
    {
        await LoadAsync(id);
        Seen = await Service<FoiClassifier>().StoredStatusAsync(id, Aborted);
        Exemption = FoiRequest.Exemption ?? "";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        await LoadAsync(id);
        if (Status.Length == 0)
        {
            ModelState.AddModelError(nameof(Status), "Choose what the council did");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        FoiClassifier.Classified classified;
        try
        {
            classified = await Service<FoiClassifier>().ClassifyAsync(id, Status, Exemption, Seen.Length == 0 ? null : Seen, Aborted);
        }
        catch (InvalidInputProblem problem)
        {
            Show(problem, problem.Field == "exemption" ? nameof(Exemption) : nameof(Status));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        catch (ConflictProblem problem)
        {
            // What the colleague recorded is now on the page; this person's choice stays selected for them to save again.
            Seen = await Service<FoiClassifier>().StoredStatusAsync(id, Aborted);
            return Refused(problem);
        }

        await AuditAsync(new AuditChange("foi classify", "foi_request", id.ToString(CultureInfo.InvariantCulture), classified.Before, classified.After,
            classified.Exemption is null ? "" : $"exemption {classified.Exemption}"));
        return Redirect($"/foi/{id}?done=classified");
    }

    private async Task LoadAsync(long id) => (FoiRequest, _) = await Service<FoiRequestStore>().ShowAsync(id, Aborted);
}
