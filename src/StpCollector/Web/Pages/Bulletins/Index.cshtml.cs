using StpCollector.Bulletins;

namespace StpCollector.Web.Pages.Bulletins;

/// <summary>The bulletin archive: every bulletin, newest first, with its status, how many it went to and who approved it.</summary>
public sealed class IndexModel : ConsolePage
{
    internal IReadOnlyList<BulletinRecord> Bulletins { get; private set; } = [];

    internal IReadOnlyDictionary<long, string> Approvers { get; private set; } = new Dictionary<long, string>();

    public async Task OnGetAsync()
    {
        var browser = Service<BulletinBrowser>();
        Bulletins = await browser.ListAsync(Aborted);
        Approvers = await browser.ApproversAsync(Aborted);
    }

    internal static string Month(DateTimeOffset scheduledFor) =>
        Calendar.LondonTime.ToLondon(scheduledFor).ToString("MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));

    internal static string StatusTag(string status) => status switch
    {
        BulletinStore.Sent => "govuk-tag--green",
        BulletinStore.Approved => "govuk-tag--blue",
        BulletinStore.Draft => "govuk-tag--yellow",
        BulletinStore.Missed => "govuk-tag--red",
        _ => "govuk-tag--grey",
    };

    internal string Approval(BulletinRecord bulletin) =>
        bulletin.ApprovedAt is not { } at ? "" : $"{(Approvers.TryGetValue(bulletin.Id, out var who) ? who : "not recorded")}, {Display.When(at)}";
}
