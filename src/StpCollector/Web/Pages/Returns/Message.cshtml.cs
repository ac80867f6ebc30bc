using Microsoft.AspNetCore.Mvc;
using StpCollector.Ingestion;
using StpCollector.Reports;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Returns;

/// <summary>
/// The raw message (or file) a return was read from, and its attachments, as downloads only: never shown in the
/// console's own pages, whatever their content type claims.
/// </summary>
public sealed class MessageModel : ConsolePage
{
    public async Task<IActionResult> OnGetAsync(long id, int? attachment)
    {
        try
        {
            var detail = await Service<ReturnDetails>().GetAsync(id, Aborted);
            if (detail.Return.InboundId is not { } inboundId)
                return NotFound();
            var messages = Service<ArchivedMessages>();
            if (attachment is { } index)
            {
                var (bytes, name) = await messages.AttachmentAsync(inboundId, index, Aborted);
                return File(bytes, "application/octet-stream", name);
            }

            // message.eml for mail; "original" for a dropped or imported file.
            var raw = await messages.RawAsync(inboundId, Aborted);
            if (RouteData.Values["file"] as string != (raw.IsEmail ? "message.eml" : "original"))
                return NotFound();
            return File(raw.Bytes, "application/octet-stream", raw.FileName);
        }
        catch (NotFoundProblem)
        {
            return NotFound();
        }
    }
}
