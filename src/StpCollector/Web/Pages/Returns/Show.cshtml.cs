using Microsoft.AspNetCore.Mvc;
using StpCollector.Ingestion;
using StpCollector.Reports;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Returns;

/// <summary>A return: every answer with its value, validity, note and provenance; the message it came from, as text; earlier returns.</summary>
public sealed class ShowModel : ConsolePage
{
    internal ReturnDetail Detail { get; private set; } = null!;

    /// <summary>The message or file the return was read from; null when it was keyed in or imported without one.</summary>
    internal ArchivedMessage? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        try
        {
            Detail = await Service<ReturnDetails>().GetAsync(id, Aborted);
            if (Detail.Return.InboundId is { } inboundId)
                Message = await Service<ArchivedMessages>().ReadAsync(inboundId, Aborted);
        }
        catch (NotFoundProblem)
        {
            return NotFound();
        }

        return Page();
    }
}
