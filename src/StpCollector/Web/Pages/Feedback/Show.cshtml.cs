using Microsoft.AspNetCore.Mvc;
using StpCollector.Bulletins;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Feedback;

/// <summary>One piece of feedback as `feedback show` gives it: who wrote, when, about which bulletin, its themes and the person's words.</summary>
public sealed class ShowModel : ConsolePage
{
    internal FeedbackEntry Entry { get; private set; } = null!;

    internal FaqEntry? Faq { get; private set; }

    internal string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, string? done)
    {
        try
        {
            Entry = await Service<FeedbackStore>().GetAsync(id, Aborted);
            Faq = Entry.FaqId is { } faq ? await Service<FaqStore>().GetAsync(faq, Aborted) : null;
        }
        catch (NotFoundProblem)
        {
            return NotFound();
        }

        Done = done switch
        {
            "tagged" => "The theme is added.",
            "untagged" => "The theme is removed.",
            _ => null,
        };
        return Page();
    }

    internal bool IsOfficer => User.IsInRole(StaffPolicies.Officer);
}
