using Microsoft.AspNetCore.Mvc;
using StpCollector.Ingestion;
using StpCollector.Reports;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Returns;

/// <summary>A return: every answer with its value, validity, note and provenance; the message it came from, as text; earlier returns.</summary>
public sealed class ShowModel : ConsolePage
{
    internal ReturnDetail Detail { get; private set; } = null!;

    /// <summary>The message or file the return was read from; null when it was keyed in or imported without one.</summary>
    internal ArchivedMessage? Message { get; private set; }

    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    [BindProperty(SupportsGet = true, Name = "receipt")]
    public string? Receipt { get; set; }

    internal string? DoneText => Done switch
    {
        "assigned" when Receipt == "none" => "The held message was assigned: this return was stored from it. No receipt was sent: the sender is " +
            "not a contact of the council and not on its domain.",
        "assigned" => "The held message was assigned: this return was stored from it.",
        "corrected" => "The correction was saved. The council's own answer is kept beside it.",
        _ => null,
    };

    internal bool MayCorrect => User.IsInRole(StaffPolicies.Officer);

    public async Task<IActionResult> OnGetAsync(long id)
    {
        try
        {
            Detail = await Service<ReturnDetails>().GetAsync(id, Aborted);
            if (Detail.Return.InboundId is { } inboundId)
                Message = await Service<ArchivedMessages>().ReadAsync(inboundId, Aborted);
        }
        catch (NotFoundProblem)
        {
            return NotFound();
        }

        return Page();
    }
}
