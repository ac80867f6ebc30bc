using Microsoft.AspNetCore.Mvc;
using StpCollector.Reports;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Rounds;

/// <summary>The round's export as a download: the same bytes `stpcollector export ROUND --format csv|xlsx` saves.</summary>
public sealed class ExportModel : ConsolePage
{
    public async Task<IActionResult> OnGetAsync(string reference, string format)
    {
        if (!RoundExportFile.Formats.Contains(format))
            return NotFound();
        RoundExport.Table table;
        try
        {
            table = await Service<RoundExport>().BuildAsync(reference, Aborted);
        }
        catch (NotFoundProblem)
        {
            return NotFound();
        }

        using var buffer = new MemoryStream();
        RoundExportFile.Write(buffer, table, format);
        return File(buffer.ToArray(), RoundExportFile.ContentType(format), RoundExportFile.FileName(table, format));
    }
}
