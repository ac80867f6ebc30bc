using Microsoft.AspNetCore.Mvc;
using StpCollector.Rounds;

namespace StpCollector.Web.Pages.Rounds;

/// <summary>Every round, newest first, with how many councils were invited and have responded.</summary>
public sealed class IndexModel : ConsolePage
{
    internal IReadOnlyList<RoundSummary> Rounds { get; private set; } = [];

    internal string? Status { get; private set; }

    internal bool MayCreate => User.IsInRole(StaffPolicies.Officer);

    public async Task<IActionResult> OnGetAsync(string? status)
    {
        Status = string.IsNullOrWhiteSpace(status) ? null : status.Trim().ToLowerInvariant();
        if (Status is not null && !RoundStatus.All.Contains(Status))
        {
            ModelState.AddModelError("status", $"Choose a status from the list: {string.Join(", ", RoundStatus.All)}, or all rounds.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Status = null;
            return Page();
        }

        Rounds = await Service<RoundQueries>().ListAsync(Status, Aborted);
        return Page();
    }
}
