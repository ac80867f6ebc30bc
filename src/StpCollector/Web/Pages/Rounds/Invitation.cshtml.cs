using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using StpCollector.Rounds;
using StpCollector.Shared;
using StpCollector.Web.Pages.Bulletins;

namespace StpCollector.Web.Pages.Rounds;

/// <summary>
/// The invitation of a round not yet created, from the new-round answers in the address: its HTML version on its own
/// address for the check page's frame, sandboxed as a bulletin's is, or one of its attachments to download.
/// Nothing is stored; the same checks as the check page run again.
/// </summary>
[Authorize(Policy = StaffPolicies.Officer)]
public sealed class InvitationModel : RoundRequestForm
{
    public async Task<IActionResult> OnGetAsync(string part, string? council)
    {
        if (ToRequest() is not { } request)
            return BadRequest();
        InvitationPreview preview;
        try
        {
            (_, preview) = await Service<RoundInvitationPreview>().PreviewAsync(request, council, Aborted);
        }
        catch (NotFoundProblem)
        {
            return NotFound();
        }
        catch (InvalidInputProblem)
        {
            return BadRequest();
        }

        if (part == "html")
        {
            Response.Headers.ContentSecurityPolicy = HtmlModel.SandboxPolicy;
            Response.Headers.XFrameOptions = "SAMEORIGIN";
            return Content(preview.Html, "text/html; charset=utf-8");
        }

        return preview.Attachments.FirstOrDefault(a => a.Name == part) is { } attachment
            ? File(attachment.Content, "application/octet-stream", DownloadName.Safe(attachment.Name, "invitation-attachment"))
            : NotFound();
    }
}
