using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Audit;
using StpCollector.Shared;

namespace StpCollector.Web;

/// <summary>
/// What every console page shares: the feature services it calls (the same ones the verbs call), who is signed in, and
/// how a feature's problem becomes a page. Page models are public only because Razor's generated pages are.
/// </summary>
public abstract class ConsolePage : PageModel
{
    internal T Service<T>() where T : notnull => HttpContext.RequestServices.GetRequiredService<T>();

    internal CancellationToken Aborted => HttpContext.RequestAborted;

    internal long? StaffId => long.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), CultureInfo.InvariantCulture, out var id) ? id : null;

    internal AuditActor Actor => AuditActor.ConsoleUser(User.Identity?.Name ?? "unknown");

    internal Task AuditAsync(AuditChange change) => Service<AuditLog>().RecordAsync(Actor, change, Aborted);

    /// <summary>A problem in what the person typed: shown in the error summary and beside the field it concerns.</summary>
    internal void Show(Problem problem, string? field = null) =>
        ModelState.AddModelError(field ?? problem.Field ?? "", ConsoleWords.FromCommandLine(problem.Message));

    /// <summary>
    /// A change the record's state does not allow (done twice, or by a colleague a moment ago): the page again, saying
    /// why, with the status that says so (409 by default). Nothing was changed.
    /// </summary>
    internal IActionResult Refused(Problem problem, int status = StatusCodes.Status409Conflict)
    {
        Show(problem);
        Response.StatusCode = status;
        return Page();
    }
}
