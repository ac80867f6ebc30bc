using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using StpCollector.Calendar;
using StpCollector.Foi;
using StpCollector.Reference;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Foi;

/// <summary>FoI requests with their councils, statuses and statutory due dates; filtered by status, or by what is overdue or due soon.</summary>
public sealed class IndexModel : ConsolePage
{
    /// <summary>The "due" filter: overdue (overdue or very overdue), or still waiting and due within a week.</summary>
    internal static readonly IReadOnlyList<(string Value, string Label)> DueChoices = [("overdue", "Overdue"), ("week", "Due in the next 7 days")];

    internal string? Status { get; private set; }

    internal string? Due { get; private set; }

    /// <summary>Only this batch's requests (after "Send FoI requests", or from the command line's batch number).</summary>
    internal FoiRequestStore.Batch? Batch { get; private set; }

    /// <summary>After a batch was sent from the console: how many were queued, and the councils left out for want of an FoI contact.</summary>
    internal string? DoneText { get; private set; }

    internal bool MaySend => User.IsInRole(StaffPolicies.Officer);

    internal IReadOnlyList<FoiRequestStore.View> Requests { get; private set; } = [];

    internal bool Filtered => Status is not null || Due is not null || Batch is not null;

    public async Task<IActionResult> OnGetAsync(string? status, string? due, string? batch, string? done)
    {
        Status = string.IsNullOrEmpty(status) ? null : status;
        Due = string.IsNullOrEmpty(due) ? null : due;
        if (Status is not null && !FoiStatus.All.Contains(Status))
            ModelState.AddModelError("status", "Choose a status from the list");
        if (Due is not null && DueChoices.All(c => c.Value != Due))
            ModelState.AddModelError("due", "Choose overdue or due in the next 7 days");
        if (!string.IsNullOrEmpty(batch))
        {
            Batch = long.TryParse(batch, NumberStyles.None, CultureInfo.InvariantCulture, out var batchId)
                ? await Service<FoiRequestStore>().FindBatchAsync(batchId, Aborted)
                : null;
            if (Batch is null)
                ModelState.AddModelError("batch", $"There is no FoI batch {batch}: see every request instead");
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var today = LondonTime.Today(Service<TimeProvider>());
        Requests = (await Service<FoiRequestStore>().ListAsync(Status, Batch?.Id, Aborted))
            .Where(r => Due switch
            {
                "overdue" => IsOverdue(r.Status),
                "week" => FoiStatus.StillWaiting(r.Status) && r.Due is { } day && day >= today && day <= today.AddDays(7),
                _ => true,
            })
            .ToList();
        if (done == "created" && Batch is not null && Status is null && Due is null)
            DoneText = await SentTextAsync(Batch);
        return Page();
    }

    private async Task<string> SentTextAsync(FoiRequestStore.Batch batch)
    {
        var sent = Requests.Select(r => r.CouncilCode).ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<string> asked;
        try
        {
            asked = await Service<Audience>().ResolveAsync(batch.Audience, Aborted);
        }
        catch (Problem)
        {
            asked = []; // the councils changed since: the count alone is still right
        }

        var names = (await Service<CouncilDirectory>().ListAsync(cancellationToken: Aborted)).ToDictionary(c => c.Code, c => c.Name);
        var leftOut = asked.Where(c => !sent.Contains(c)).Select(c => $"{names.GetValueOrDefault(c, c)} ({c})").ToList();
        return $"{Display.Plural(Requests.Count, "FoI request", "FoI requests")} queued to send (batch {batch.Id})." +
            (leftOut.Count == 0 ? "" : $" Not sent to {string.Join(", ", leftOut)}: no FoI contact.");
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
