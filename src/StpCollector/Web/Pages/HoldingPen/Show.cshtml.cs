using Microsoft.AspNetCore.Mvc;
using StpCollector.Calendar;
using StpCollector.Ingestion;
using StpCollector.Mail;
using StpCollector.Shared;
using Pen = StpCollector.Ingestion.HoldingPen;

namespace StpCollector.Web.Pages.HoldingPen;

/// <summary>One inbound message or file: why it is held, what it says (as text, never as the sender's HTML), and what became of it.</summary>
public sealed class ShowModel : ConsolePage
{
    internal Pen.Entry Entry { get; private set; } = null!;

    /// <summary>The message's headers and text; null for a file (then <see cref="FileText"/> shows its first lines).</summary>
    internal ReadableMessage? Message { get; private set; }

    internal string? FileText { get; private set; }

    internal IReadOnlyList<Pen.StoredAnswer> Answers { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    internal string? DoneText => Done switch
    {
        null => null,
        "assigned" => "The message was assigned: its answers are stored.",
        _ => "The message was discarded: it has left the holding pen.",
    };

    internal bool MayChange => User.IsInRole(StaffPolicies.Officer);

    public async Task<IActionResult> OnGetAsync(long id)
    {
        var pen = Service<Pen>();
        try
        {
            Entry = await pen.GetAsync(id, Aborted);
        }
        catch (NotFoundProblem)
        {
            return NotFound();
        }

        Message = Pen.IsEmail(Entry) ? ReadableMessage.Read(pen.Raw(Entry)) : null;
        if (Message is null)
            FileText = pen.Preview(Entry);
        Answers = await pen.StoredAnswersAsync(Entry.Id, Aborted);
        return Page();
    }

    internal static string When(string? stored) => LondonTime.Short(stored);

    internal string DownloadLabel => Pen.IsEmail(Entry) ? "Download the message as it arrived (.eml)" : "Download the file as it arrived";
}
