using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using StpCollector.Audit;
using StpCollector.Shared;
using Pen = StpCollector.Ingestion.HoldingPen;

namespace StpCollector.Web.Pages.HoldingPen;

/// <summary>`holding-pen discard` for officers: a held message leaves the pen with the reason staff give.</summary>
[Authorize(Policy = StaffPolicies.Officer)]
public sealed class DiscardModel : ConsolePage
{
    internal const int MaxReasonLength = 500;

    [BindProperty]
    public string Reason { get; set; } = "";

    internal Pen.Entry Entry { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id)
    {
        Entry = await Service<Pen>().GetAsync(id, Aborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        Entry = await Service<Pen>().GetAsync(id, Aborted);
        var reason = Reason.Trim();
        if (reason.Length == 0)
            ModelState.AddModelError(nameof(Reason), "Say why the message is discarded");
        else if (reason.Length > MaxReasonLength)
            ModelState.AddModelError(nameof(Reason), $"Keep the reason under {MaxReasonLength} characters");
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        try
        {
            await Service<Pen>().DiscardAsync(id, reason, Aborted);
        }
        catch (InvalidInputProblem problem)
        {
            // Already assigned or discarded (perhaps by a colleague a moment ago).
            return Refused(problem);
        }

        await AuditAsync(new AuditChange("holding-pen discard", "inbound", id.ToString(CultureInfo.InvariantCulture), Entry.Outcome, "discarded", reason));
        return Redirect($"/holding-pen/{id}?done=discarded");
    }
}
