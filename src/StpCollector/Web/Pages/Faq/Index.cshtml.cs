using StpCollector.Bulletins;

namespace StpCollector.Web.Pages.Faq;

/// <summary>The FAQ entries as `faq list` gives them, grouped by where they stand: drafts, published (in bulletin order), retired.</summary>
public sealed class IndexModel : ConsolePage
{
    internal IReadOnlyList<FaqEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync() => Entries = await Service<FaqStore>().ListAsync(null, Aborted);

    internal IReadOnlyList<FaqEntry> With(string status) => Entries.Where(e => e.Status == status).ToList();

    internal bool IsOfficer => User.IsInRole(StaffPolicies.Officer);

    internal static string Heading(string status) => status switch
    {
        FaqStore.Draft => "Drafts",
        FaqStore.Published => "Published, in bulletin order",
        _ => "Retired",
    };

    internal static string Empty(string status) => status switch
    {
        FaqStore.Draft => "No drafts yet: any feedback can be drafted into an entry.",
        FaqStore.Published => "Nothing is published: the bulletin prints no FAQ.",
        _ => "Nothing is retired.",
    };
}
