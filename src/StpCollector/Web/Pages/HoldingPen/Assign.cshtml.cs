using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using StpCollector.Audit;
using StpCollector.Reference;
using StpCollector.Rounds;
using StpCollector.Shared;
using Pen = StpCollector.Ingestion.HoldingPen;

namespace StpCollector.Web.Pages.HoldingPen;

/// <summary>
/// `holding-pen assign` for officers: the held message is read again as the council's return to the round chosen. As with
/// the verb, its receipt goes to the sender only when they are a contact of the council or on its domain; the officer may
/// send it to the sender anyway (the verb's --receipt-to with the sender's address).
/// </summary>
[Authorize(Policy = StaffPolicies.Officer)]
public sealed class AssignModel : ConsolePage
{
    [BindProperty]
    public string Council { get; set; } = "";

    [BindProperty]
    public string Round { get; set; } = "";

    [BindProperty]
    public bool ReceiptToSender { get; set; }

    internal Pen.Entry Entry { get; private set; } = null!;

    internal IReadOnlyList<Council> Councils { get; private set; } = [];

    internal IReadOnlyList<RoundSummary> Rounds { get; private set; } = [];

    internal bool MayOfferReceipt => Pen.IsEmail(Entry) && Entry.Sender is not null;

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (!await LoadAsync(id))
            return NotFound();
        Council = Entry.CouncilCode ?? "";
        Round = Rounds.FirstOrDefault(r => r.Round.Id == Entry.RoundId)?.Round.Reference ?? "";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (!await LoadAsync(id))
            return NotFound();
        if (Entry.Outcome != "held")
            return Refused(NotHeld(Entry));
        if (!Councils.Any(c => c.Code.Equals(Council, StringComparison.OrdinalIgnoreCase)))
            ModelState.AddModelError(nameof(Council), "Choose the council the message is from");
        if (!Rounds.Any(r => r.Round.Reference.Equals(Round, StringComparison.OrdinalIgnoreCase)))
            ModelState.AddModelError(nameof(Round), "Choose the round the message answers");
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var receiptTo = ReceiptToSender && MayOfferReceipt ? Entry.Sender : null;
        Ingestion.Outcome outcome;
        try
        {
            outcome = await Service<Pen>().AssignAsync(id, Round, Council, receiptTo, Aborted);
        }
        catch (InvalidInputProblem problem) when (problem.Field is null)
        {
            // Assigned or discarded by a colleague a moment ago.
            return Refused(problem);
        }
        catch (ConflictProblem problem)
        {
            // Read again for that council and round, it still holds no answers: nothing was stored.
            return Refused(problem);
        }
        catch (Problem problem)
        {
            return Refused(problem, StatusCodes.Status400BadRequest);
        }

        var detail = $"{Round.ToUpperInvariant()} / {Council.ToUpperInvariant()}: {outcome.Reason}" + (outcome.NoReceipt is { } why ? $"; no receipt sent: {why}" : "");
        await AuditAsync(new AuditChange("holding-pen assign", "inbound", id.ToString(CultureInfo.InvariantCulture), Entry.Outcome, "stored", detail));
        var returns = await Service<Pen>().StoredReturnsAsync(id, Aborted);
        var receipt = outcome.NoReceipt is null ? "" : "&receipt=none";
        return returns.Count == 0 ? Redirect($"/holding-pen/{id}?done=assigned") : Redirect($"/returns/{returns[^1]}?done=assigned{receipt}");
    }

    /// <summary>Shown, with 409, when the message left the holding pen before this officer's change.</summary>
    internal static InvalidInputProblem NotHeld(Pen.Entry entry) =>
        new($"Inbound message #{entry.Id} is no longer in the holding pen (its outcome is {entry.Outcome}): nothing was changed.");

    private async Task<bool> LoadAsync(long id)
    {
        try
        {
            Entry = await Service<Pen>().GetAsync(id, Aborted);
        }
        catch (NotFoundProblem)
        {
            return false;
        }

        Councils = await Service<CouncilDirectory>().ListAsync(cancellationToken: Aborted);
        Rounds = (await Service<RoundQueries>().ListAsync(null, Aborted)).Where(r => r.Round.Status != RoundStatus.Cancelled).ToList();
        return true;
    }
}
