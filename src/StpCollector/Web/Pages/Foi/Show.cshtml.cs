using Microsoft.AspNetCore.Mvc;
using StpCollector.Calendar;
using StpCollector.Foi;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Foi;

/// <summary>One FoI request: its timeline, its due dates and how they were reckoned, the documents sent and the answers coded.</summary>
public sealed class ShowModel : ConsolePage
{
    internal FoiRequestStore.View FoiRequest { get; private set; } = null!;

    internal IReadOnlyList<FoiRequestStore.Event> Timeline { get; private set; } = [];

    internal IReadOnlyList<FoiRequestStore.Answer> Answers { get; private set; } = [];

    internal IReadOnlyList<FoiDocumentStore.Document> Documents { get; private set; } = [];

    /// <summary>How the due date (20 working days) and the very-overdue date (40) were reached; null until the request is sent.</summary>
    internal (DueDateExplanation Due, DueDateExplanation VeryOverdue)? Reckoning { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        var store = Service<FoiRequestStore>();
        try
        {
            (FoiRequest, Timeline) = await store.ShowAsync(id, Aborted);
        }
        catch (NotFoundProblem)
        {
            return NotFound();
        }

        Answers = await store.AnswersAsync(id, Aborted);
        Documents = await Service<FoiDocumentStore>().ForRequestAsync(id, Aborted);
        if (FoiRequest.Received is { } received)
        {
            var calendar = await Service<HolidayCalendarStore>().LoadUnitedKingdomAsync(Aborted);
            Reckoning = (calendar.Explain(received), calendar.Explain(received, 40));
        }

        return Page();
    }

    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    internal string? DoneText => Done switch
    {
        "classified" => "The council's response is recorded.",
        "coded" => "The answer is recorded.",
        _ => null,
    };

    internal bool MayChange => User.IsInRole(StaffPolicies.Officer);

    internal bool AskedForClarification => Timeline.Any(e => e.Detail?.Contains("clarification", StringComparison.OrdinalIgnoreCase) == true)
        || FoiRequest.Status == FoiStatus.Clarification;

    internal static string Skipped(SkippedDay day) =>
        $"{IndexModel.Day(day.Date)} ({day.Date.DayOfWeek}): {(day.Reason == day.Date.DayOfWeek.ToString() ? "weekend" : day.Reason)}";
}
