using Microsoft.AspNetCore.Mvc;
using StpCollector.Audit;
using StpCollector.Bulletins;

namespace StpCollector.Web.Pages;

/// <summary>
/// The bulletin's one-click unsubscribe (RFC 8058). Public: the reader is not signed in. A GET only shows a button,
/// because mail scanners follow links; a POST unsubscribes. Mail providers post "List-Unsubscribe=One-Click" without
/// any token of ours, so this one form takes no antiforgery token: the signed link itself is the proof.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel : ConsolePage
{
    internal enum View
    {
        NotRecognised,
        Confirm,
        Done,
        Already,
    }

    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    internal View Shown { get; private set; }

    internal string MaskedEmail { get; private set; } = "";

    public async Task OnGetAsync()
    {
        var link = await Service<OneClickUnsubscribe>().ReadAsync(Token, Aborted);
        Show(link, link.State == UnsubscribeLinkState.Subscribed ? View.Confirm : View.Already);
    }

    public async Task OnPostAsync()
    {
        var link = await Service<OneClickUnsubscribe>().UnsubscribeAsync(Token, Aborted);
        if (link.State == UnsubscribeLinkState.Subscribed)
            await Service<AuditLog>().RecordAsync(AuditActor.PublicLink,
                new AuditChange("unsubscribe", "subscriber", link.SubscriberId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Before: SubscriberStore.Active, After: SubscriberStore.Unsubscribed, Detail: "one-click unsubscribe link"), Aborted);
        Show(link, link.State == UnsubscribeLinkState.Subscribed ? View.Done : View.Already);
    }

    private void Show(UnsubscribeLink link, View whenRecognised)
    {
        Shown = link.State == UnsubscribeLinkState.NotRecognised ? View.NotRecognised : whenRecognised;
        MaskedEmail = link.MaskedEmail;
        if (Shown == View.NotRecognised)
            Response.StatusCode = StatusCodes.Status404NotFound;
    }
}
