using Microsoft.AspNetCore.Mvc;
using StpCollector.Outbox;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Outbox;

/// <summary>The stored message exactly as it is (or was) sent, as a download.</summary>
public sealed class MessageModel : ConsolePage
{
    public async Task<IActionResult> OnGetAsync(long id)
    {
        try
        {
            var (entry, mime) = await Service<OutboxBrowser>().GetAsync(id, Aborted);
            return File(mime, "application/octet-stream", $"outbox-{entry.Id}.eml");
        }
        catch (NotFoundProblem)
        {
            return NotFound();
        }
    }
}
