using Microsoft.AspNetCore.Mvc;
using StpCollector.Reports;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Councils;

/// <summary>A council's whole record across rounds and FoI: what `stpcollector councils show CODE` prints.</summary>
public sealed class ShowModel : ConsolePage
{
    internal CouncilRecord Record { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code)
    {
        try
        {
            Record = await Service<CouncilRecordReader>().ReadAsync(code, Aborted);
        }
        catch (NotFoundProblem)
        {
            return NotFound();
        }

        return Page();
    }
}
