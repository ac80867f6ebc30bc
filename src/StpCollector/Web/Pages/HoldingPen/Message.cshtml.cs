using Microsoft.AspNetCore.Mvc;
using StpCollector.Shared;
using Pen = StpCollector.Ingestion.HoldingPen;

namespace StpCollector.Web.Pages.HoldingPen;

/// <summary>The message or file exactly as it arrived, always as a download: never opened in the console's own origin.</summary>
public sealed class MessageModel : ConsolePage
{
    public async Task<IActionResult> OnGetAsync(long id)
    {
        var pen = Service<Pen>();
        Pen.Entry entry;
        try
        {
            entry = await pen.GetAsync(id, Aborted);
        }
        catch (NotFoundProblem)
        {
            return NotFound();
        }

        var name = Pen.IsEmail(entry) ? $"inbound-{entry.Id}.eml" : $"inbound-{entry.Id}{DownloadName.Extension(entry.SourceName)}";
        return File(pen.Raw(entry), "application/octet-stream", name);
    }
}
