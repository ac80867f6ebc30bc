using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using StpCollector.Bulletins;

namespace StpCollector.Web.Pages.Subscribers;

/// <summary>Bulletin subscribers by email, filtered by status. Personal data: for signed-in staff only, like every page.</summary>
public sealed class IndexModel : ConsolePage
{
    internal static readonly IReadOnlyList<string> Statuses = [SubscriberStore.Active, SubscriberStore.Unsubscribed, SubscriberStore.Suspended];

    internal string? Status { get; private set; }

    internal IReadOnlyList<Subscriber> Shown { get; private set; } = [];

    internal int Total { get; private set; }

    internal ListLinks Links { get; private set; } = new(null, null);

    internal IReadOnlyDictionary<long, SubscriberBounce> Bounces { get; private set; } = new Dictionary<long, SubscriberBounce>();

    internal bool IsOfficer => User.IsInRole(StaffPolicies.Officer);

    internal string? DoneText { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? status, string? done)
    {
        DoneText = Done(done);
        // Read from the query itself: "page" is also the name of Razor's own route value (the page's path).
        var page = Request.Query["page"].ToString();
        Status = string.IsNullOrEmpty(status) ? null : status;
        if (Status is not null && !Statuses.Contains(Status))
            ModelState.AddModelError("status", "Choose a status from the list");
        var number = 1;
        if (!string.IsNullOrEmpty(page) && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number < 1))
            ModelState.AddModelError("", "There is no such page of subscribers: go back to the first page.");
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var matching = (await Service<SubscriberStore>().ListAsync(activeOnly: Status == SubscriberStore.Active, Aborted))
            .Where(s => Status is null || s.Status == Status).ToList();
        Total = matching.Count;
        Shown = matching.Skip((number - 1) * ListLinks.PageSize).Take(ListLinks.PageSize).ToList();
        Links = ListLinks.ByNumber(Request, number, Total > number * ListLinks.PageSize);
        Bounces = await Service<SubscriberStore>().LastBouncesAsync(Aborted);
        return Page();
    }

    private string? Done(string? done) => done switch
    {
        "added" => "The subscriber is added: they receive the next bulletin.",
        "resubscribed" => "They were already on the list and are now active again.",
        "removed" => "The subscriber is removed from the list.",
        "imported" => $"Subscribers imported: {Count("added")} added, {Count("updated")} updated, {Count("unchanged")} unchanged, " +
                      $"{Count("kept")} left unsubscribed or suspended, {Count("skipped")} invalid line(s) left out.",
        _ => null,
    };

    private int Count(string name) => int.TryParse(Request.Query[name].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

    internal static string StatusTag(string status) => status switch
    {
        SubscriberStore.Active => "govuk-tag--green",
        SubscriberStore.Suspended => "govuk-tag--red",
        _ => "govuk-tag--grey",
    };
}
