using Microsoft.AspNetCore.Mvc;
using StpCollector.Foi;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Foi;

/// <summary>A document a council sent on an FoI request, as a download (never opened in the console's own origin).</summary>
public sealed class DocumentModel : ConsolePage
{
    public async Task<IActionResult> OnGetAsync(long id, long documentId)
    {
        try
        {
            var (document, bytes) = await Service<FoiDocumentStore>().ReadAsync(id, documentId, Aborted);
            return File(bytes, "application/octet-stream", DownloadName.Safe(document.FileName, $"document-{document.Id}"));
        }
        catch (Exception e) when (e is NotFoundProblem or FileNotFoundException or DirectoryNotFoundException)
        {
            return NotFound();
        }
    }
}
