using Microsoft.AspNetCore.Mvc;
using StpCollector.Calendar;
using StpCollector.Foi;

namespace StpCollector.Web.Pages.Foi;

/// <summary>FoI requests with their councils, statuses and statutory due dates; filtered by status, or by what is overdue or due soon.</summary>
public sealed class IndexModel : ConsolePage
{
    /// <summary>The "due" filter: overdue (overdue or very overdue), or still waiting and due within a week.</summary>
    internal static readonly IReadOnlyList<(string Value, string Label)> DueChoices = [("overdue", "Overdue"), ("week", "Due in the next 7 days")];

    internal string? Status { get; private set; }

    internal string? Due { get; private set; }

    internal IReadOnlyList<FoiRequestStore.View> Requests { get; private set; } = [];

    internal bool Filtered => Status is not null || Due is not null;

    public async Task<IActionResult> OnGetAsync(string? status, string? due)
    {
        Status = string.IsNullOrEmpty(status) ? null : status;
        Due = string.IsNullOrEmpty(due) ? null : due;
        if (Status is not null && !FoiStatus.All.Contains(Status))
            ModelState.AddModelError("status", "Choose a status from the list");
        if (Due is not null && DueChoices.All(c => c.Value != Due))
            ModelState.AddModelError("due", "Choose overdue or due in the next 7 days");
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var today = LondonTime.Today(Service<TimeProvider>());
        Requests = (await Service<FoiRequestStore>().ListAsync(Status, null, Aborted))
            .Where(r => Due switch
            {
                "overdue" => IsOverdue(r.Status),
                "week" => FoiStatus.StillWaiting(r.Status) && r.Due is { } day && day >= today && day <= today.AddDays(7),
                _ => true,
            })
            .ToList();
        return Page();
    }

    internal static bool IsOverdue(string status) => status is FoiStatus.Overdue or FoiStatus.VeryOverdue;

    internal static string Words(string status) => status.Replace('_', ' ');

    internal static string StatusTag(string status) => status switch
    {
        FoiStatus.Overdue or FoiStatus.VeryOverdue => "govuk-tag--red",
        FoiStatus.Answered => "govuk-tag--green",
        FoiStatus.Partial or FoiStatus.Clarification => "govuk-tag--yellow",
        FoiStatus.Refused or FoiStatus.Withdrawn => "govuk-tag--grey",
        _ => "govuk-tag--blue",
    };

    internal static string Day(DateOnly? day) => day?.ToString("d MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")) ?? "";
}
