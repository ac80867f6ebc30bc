using Microsoft.AspNetCore.Mvc;
using StpCollector.Bulletins;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Faq;

/// <summary>One FAQ entry as `faq show` gives it: question, where it stands, its Markdown as text and the feedback it draws on.</summary>
public sealed class ShowModel : ConsolePage
{
    internal FaqEntry Entry { get; private set; } = null!;

    internal IReadOnlyList<long> Sources { get; private set; } = [];

    internal int RaisedBy { get; private set; }

    internal string? Done { get; private set; }

    internal bool IsOfficer => User.IsInRole(StaffPolicies.Officer);

    public async Task<IActionResult> OnGetAsync(long id, string? done)
    {
        var store = Service<FaqStore>();
        try
        {
            Entry = await store.GetAsync(id, Aborted);
        }
        catch (NotFoundProblem)
        {
            return NotFound();
        }

        Sources = await store.SourceIdsAsync(id, Aborted);
        RaisedBy = await store.RaisedByAsync(id, Aborted);
        Done = done switch
        {
            "drafted" => "The draft is saved. Write its answer with: stpcollector faq edit " + id + " --file answer.md",
            "published" => "The entry is published: it appears in the next bulletin.",
            "published-notified" => "The entry is published, and notes to the people whose feedback it draws on are queued in the outbox.",
            "retired" => "The entry is retired: it is no longer in the bulletin.",
            _ => null,
        };
        return Page();
    }

    internal static string StatusTag(string status) => status switch
    {
        FaqStore.Published => "govuk-tag--green",
        FaqStore.Draft => "govuk-tag--yellow",
        _ => "govuk-tag--grey",
    };
}
