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

    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    internal string? DoneText => Done switch
    {
        null => null,
        "created" => "The round is created. Its invitations go when it opens: the outbox sends them at its next runs.",
        "extended" => "The deadline is moved. Reminders not yet sent follow the new date.",
        "cancelled" => "The round is cancelled. Invitations and reminders not yet sent are withdrawn.",
        "reminded" => "Reminders are queued: the outbox sends them at its next run.",
        _ => null,
    };

    internal bool MayChange => User.IsInRole(StaffPolicies.Officer);

    internal RoundOpening Opening { get; private set; } = null!;

    /// <summary>While invitations are still going out the page refreshes itself, unless the person turned that off.</summary>
    internal bool Refreshing { get; private set; }

    internal bool OpeningUnderWay { get; private set; }

    internal bool Filtered => ReturnFilter is not null || DeliveryFilter is not null || LateOnly;

    public async Task<IActionResult> OnGetAsync(string reference, [FromQuery(Name = "return")] string? returnState, string? delivery, string? late, string? refresh)
    {
        var round = await Service<RoundQueries>().FindAsync(reference, Aborted);
        if (round is null)
            return NotFound();
        Progress = await Service<RoundProgress>().ShowAsync(round.Id, Aborted);
        Opening = RoundOpening.Of(Progress);
        OpeningUnderWay = RoundOpening.UnderWay(Opening, Progress.Summary.Round, Service<TimeProvider>().GetUtcNow());
        Refreshing = OpeningUnderWay && refresh != "off";

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
