using Microsoft.AspNetCore.Mvc;
using StpCollector.Bulletins;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Bulletins;

/// <summary>
/// One bulletin: its text version shown as text, and its HTML version framed from <c>/bulletins/{id}/html</c>, a separate
/// sandboxed address (<see cref="HtmlModel"/>), so its markup never runs as the console.
/// </summary>
public sealed class ShowModel : ConsolePage
{
    /// <summary>The console's policy, allowing only this page to frame the bulletin's own address.</summary>
    public const string FramingPolicy = SecurityHeaders.ContentSecurityPolicy + "; frame-src 'self'";

    internal BulletinRecord Bulletin { get; private set; } = null!;

    internal string Text { get; private set; } = "";

    internal string? ApprovedBy { get; private set; }

    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    internal string? DoneText => Done switch
    {
        "approved" => "The bulletin is approved. It is sent at its scheduled time, or now if an officer sends it.",
        "sent" => "The bulletin is queued for every active subscriber: the outbox sends it at its next run.",
        "scheduled" => "The bulletin's time is changed: it is sent then.",
        "test-sent" => "A test copy is queued for you: the outbox sends it at its next run.",
        _ => null,
    };

    internal bool IsOfficer => User.IsInRole(StaffPolicies.Officer);

    /// <summary>Offered approval: an approver who did not make the bulletin's last change.</summary>
    internal bool MayApprove => User.IsInRole(StaffPolicies.Approver) && !string.Equals(Bulletin.ChangedBy, Actor.Name, StringComparison.OrdinalIgnoreCase);

    internal IReadOnlyDictionary<string, long> Delivery { get; private set; } = new Dictionary<string, long>();

    public async Task<IActionResult> OnGetAsync(long id)
    {
        var browser = Service<BulletinBrowser>();
        try
        {
            Bulletin = await browser.GetAsync(id, Aborted);
        }
        catch (NotFoundProblem)
        {
            return NotFound();
        }

        Text = BulletinBrowser.TextForReading(Bulletin);
        ApprovedBy = (await browser.ApproversAsync(Aborted)).GetValueOrDefault(id);
        Delivery = await browser.DeliveryAsync(id, Aborted);
        Response.Headers.ContentSecurityPolicy = FramingPolicy;
        return Page();
    }
}
