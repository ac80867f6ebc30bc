using Microsoft.AspNetCore.Mvc;
using StpCollector.Ingestion;
using StpCollector.Mail;
using StpCollector.Outbox;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Outbox;

/// <summary>One outgoing message: where it stands, its headers and its text part, as text.</summary>
public sealed class ShowModel : ConsolePage
{
    internal OutboxEntry Entry { get; private set; } = null!;

    internal ReadableMessage? Message { get; private set; }

    internal int Size { get; private set; }

    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    internal string? DoneText => Done switch
    {
        null => null,
        "cancelled" => "The message is cancelled: it will not be sent.",
        _ => "The message is back in the queue: it is sent at the outbox's next run.",
    };

    internal bool MayChange => User.IsInRole(StaffPolicies.Officer);

    public async Task<IActionResult> OnGetAsync(long id)
    {
        try
        {
            var (entry, mime) = await Service<OutboxBrowser>().GetAsync(id, Aborted);
            Entry = entry;
            Size = mime.Length;
            Message = ReadableMessage.Read(mime);
        }
        catch (NotFoundProblem)
        {
            return NotFound();
        }

        return Page();
    }
}
