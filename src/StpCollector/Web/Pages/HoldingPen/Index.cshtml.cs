using Microsoft.AspNetCore.Mvc;
using StpCollector.Calendar;
using Pen = StpCollector.Ingestion.HoldingPen;

namespace StpCollector.Web.Pages.HoldingPen;

/// <summary>Messages and files waiting for a person (held), newest first; with all=true, everything that came in.</summary>
public sealed class IndexModel : ConsolePage
{
    internal bool All { get; private set; }

    internal IReadOnlyList<Pen.Entry> Entries { get; private set; } = [];

    internal ListLinks Links { get; private set; } = new(null, null);

    public async Task<IActionResult> OnGetAsync(string? all, string? before)
    {
        All = all is "true" or "on";
        if (!ListLinks.TryReadBefore(before, out var after))
        {
            ModelState.AddModelError("", ListLinks.BadBefore);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var rows = await Service<Pen>().ListAsync(All, ListLinks.PageSize + 1, Aborted, after);
        Entries = rows.Take(ListLinks.PageSize).ToList();
        Links = ListLinks.ByKey(Request, after is null, rows.Count > ListLinks.PageSize, Entries.Count > 0 ? Entries[^1].Id : 0);
        return Page();
    }

    internal static string When(string stored) => LondonTime.Short(stored);

    internal static string What(Pen.Entry entry) => entry.Subject is { Length: > 0 } subject ? subject : Path.GetFileName(entry.SourceName) is { Length: > 0 } file ? file : $"message #{entry.Id}";
}
