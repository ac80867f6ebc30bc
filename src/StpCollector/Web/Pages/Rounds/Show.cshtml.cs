using Microsoft.AspNetCore.Mvc;
using StpCollector.Rounds;

namespace StpCollector.Web.Pages.Rounds;

/// <summary>A round: its summary and every council's invitation, delivery, reminders and return, with filters.</summary>
public sealed class ShowModel : ConsolePage
{
    internal static readonly IReadOnlyList<string> ReturnFilters = [CouncilProgress.Complete, CouncilProgress.Partial, "none"];
    internal static readonly IReadOnlyList<string> DeliveryFilters = ["failed", "bounced"];

    internal RoundProgressView Progress { get; private set; } = null!;

    internal IReadOnlyList<CouncilProgress> Shown { get; private set; } = [];

    internal string? ReturnFilter { get; private set; }

    internal string? DeliveryFilter { get; private set; }

    internal bool LateOnly { get; private set; }

    internal bool Filtered => ReturnFilter is not null || DeliveryFilter is not null || LateOnly;

    public async Task<IActionResult> OnGetAsync(string reference, [FromQuery(Name = "return")] string? returnState, string? delivery, string? late)
    {
        var round = await Service<RoundQueries>().FindAsync(reference, Aborted);
        if (round is null)
            return NotFound();
        Progress = await Service<RoundProgress>().ShowAsync(round.Id, Aborted);

        ReturnFilter = Choose(returnState, ReturnFilters, "return", "Choose complete, partial or none for the return");
        DeliveryFilter = Choose(delivery, DeliveryFilters, "delivery", "Choose failed or bounced for the delivery");
        LateOnly = late is { Length: > 0 } && Choose(late, ["yes"], "late", "Tick late, or leave it unticked") is not null;
        if (!ModelState.IsValid)
            Response.StatusCode = StatusCodes.Status400BadRequest;

        Shown = Progress.Councils.Where(c =>
            (ReturnFilter is null || RoundTags.ReturnWord(c.Return) == ReturnFilter)
            && (DeliveryFilter is null || c.Council.Delivery == DeliveryFilter)
            && (!LateOnly || c.Council.Late)).ToList();
        return Page();
    }

    private string? Choose(string? given, IReadOnlyList<string> allowed, string field, string message)
    {
        if (string.IsNullOrWhiteSpace(given))
            return null;
        var value = given.Trim().ToLowerInvariant();
        if (allowed.Contains(value))
            return value;
        ModelState.AddModelError(field, message);
        return null;
    }
}
