using Microsoft.AspNetCore.Mvc;
using StpCollector.Bulletins;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Bulletins;

/// <summary>
/// A bulletin's HTML version on its own address, for the frame on its page. Its policy sandboxes it (no script, no
/// same-origin rights, nothing fetched but its own data: images and inline styles) and only the console may frame it.
/// </summary>
public sealed class HtmlModel : ConsolePage
{
    public const string SandboxPolicy = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'";

    public async Task<IActionResult> OnGetAsync(long id)
    {
        var browser = Service<BulletinBrowser>();
        BulletinRecord bulletin;
        try
        {
            bulletin = await browser.GetAsync(id, Aborted);
        }
        catch (NotFoundProblem)
        {
            return NotFound();
        }

        Response.Headers.ContentSecurityPolicy = SandboxPolicy;
        Response.Headers.XFrameOptions = "SAMEORIGIN";
        return Content(await browser.HtmlForReadingAsync(bulletin, Aborted), "text/html; charset=utf-8");
    }
}
