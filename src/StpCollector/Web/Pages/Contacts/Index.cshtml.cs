using Microsoft.AspNetCore.Mvc;
using StpCollector.Contacts;
using StpCollector.Reference;

namespace StpCollector.Web.Pages.Contacts;

/// <summary>Every council contact (name, address, role, active), a council at a time or 100 to a page; officers upload, edit and remove.</summary>
public sealed class IndexModel : ConsolePage
{
    internal const int PageSize = 100;

    internal IReadOnlyList<ContactEntry> Shown { get; private set; } = [];

    internal int Total { get; private set; }

    internal IReadOnlyList<Council> Councils { get; private set; } = [];

    internal string? Council { get; private set; }

    internal int PageNumber { get; private set; } = 1;

    internal int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    internal bool MayChange => User.IsInRole(StaffPolicies.Officer);

    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    internal string? DoneText => Done switch
    {
        "imported" => $"The contacts were imported: {Count("added")} added, {Count("updated")} updated, {Count("unchanged")} unchanged" +
            (Count("skipped") > 0 ? $", {Count("skipped")} row(s) with problems skipped." : "."),
        "deactivated" => "The contact was deactivated: it is kept on record and sent nothing.",
        "reactivated" => "The contact was reactivated.",
        "changed" => "The contact was changed.",
        "removed" => "The contact was removed.",
        "discarded" => "Nothing was imported: the uploaded file was set aside.",
        _ => null,
    };

    private int Count(string key) => int.TryParse(Request.Query[key], out var n) ? n : 0;

    public async Task<IActionResult> OnGetAsync(string? council)
    {
        Councils = await Service<CouncilDirectory>().ListAsync(cancellationToken: Aborted);
        Council = string.IsNullOrWhiteSpace(council) ? null : council.Trim().ToUpperInvariant();
        if (Council is not null && !Councils.Any(c => c.Code == Council))
        {
            ModelState.AddModelError("council", "Choose a council from the list, or all councils.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Council = null;
        }

        // Razor keeps "page" for itself, so the page number is read from the query.
        if (int.TryParse(Request.Query["page"], out var number) && number > 1)
            PageNumber = number;
        (Shown, Total) = await Service<ContactBook>().ListAsync(Council, (PageNumber - 1) * PageSize, PageSize, Aborted);
        if (Shown.Count == 0 && PageNumber > 1)
        {
            // Past the last page (the list got shorter): show the last one.
            PageNumber = Pages;
            (Shown, Total) = await Service<ContactBook>().ListAsync(Council, (PageNumber - 1) * PageSize, PageSize, Aborted);
        }
        return Page();
    }

    internal string PagePath(int number) => $"/contacts?{(Council is null ? "" : $"council={Council}&")}page={number}";
}
