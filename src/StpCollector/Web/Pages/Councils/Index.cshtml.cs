using Microsoft.AspNetCore.Mvc;
using StpCollector.Reference;

namespace StpCollector.Web.Pages.Councils;

/// <summary>Every council with its region and type; a search by name or ONS code, and a region, narrow the list.</summary>
public sealed class IndexModel : ConsolePage
{
    internal IReadOnlyList<Council> Shown { get; private set; } = [];

    internal int Total { get; private set; }

    internal IReadOnlyList<string> Regions { get; private set; } = [];

    internal string? Search { get; private set; }

    internal string? Region { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? q, string? region)
    {
        var all = await Service<CouncilDirectory>().ListAsync(cancellationToken: Aborted);
        Total = all.Count;
        Regions = all.Select(c => c.Region).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        Search = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        Region = string.IsNullOrWhiteSpace(region) ? null : region.Trim();
        if (Region is not null && !Regions.Contains(Region, StringComparer.OrdinalIgnoreCase))
        {
            ModelState.AddModelError("region", "Choose a region from the list, or all regions.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Region = null;
        }

        Shown = all.Where(c =>
            (Region is null || string.Equals(c.Region, Region, StringComparison.OrdinalIgnoreCase))
            && (Search is null || c.Name.Contains(Search, StringComparison.OrdinalIgnoreCase) || c.Code.Contains(Search, StringComparison.OrdinalIgnoreCase))).ToList();
        return Page();
    }
}
