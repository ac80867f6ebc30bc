using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using StpCollector.Audit;
using StpCollector.Bulletins;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Feedback;

/// <summary>`feedback tag` and `untag` for officers: add one of the configured themes to feedback, or remove one it has.</summary>
[Authorize(Policy = StaffPolicies.Officer)]
public sealed class TagModel : ConsolePage
{
    public const string Add = "add";
    public const string Remove = "remove";

    [BindProperty]
    public string Theme { get; set; } = "";

    [BindProperty]
    public string Change { get; set; } = Add;

    internal FeedbackEntry Entry { get; private set; } = null!;

    internal IReadOnlyList<ThemeCount> Themes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (!await LoadAsync(id))
            return NotFound();
        var themes = Service<FeedbackThemes>();
        var before = string.Join(", ", Entry.Themes);
        try
        {
            if (Change == Remove)
                await themes.UntagAsync(id, Theme, Aborted);
            else
                await themes.TagAsync(id, Theme, Aborted);
        }
        catch (Problem problem) when (problem is InvalidInputProblem or NotFoundProblem)
        {
            // The feedback was just found, so "not found" here is a theme it does not have: the CLI's words, on the form.
            Show(problem, nameof(Theme));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var after = await Service<FeedbackStore>().GetAsync(id, Aborted);
        var verb = Change == Remove ? "feedback untag" : "feedback tag";
        await AuditAsync(new AuditChange(verb, "feedback", id.ToString(CultureInfo.InvariantCulture), before, string.Join(", ", after.Themes),
            $"{(Change == Remove ? "removed" : "added")} {Theme.Trim()}"));
        return Redirect($"/feedback/{id}?done={(Change == Remove ? "untagged" : "tagged")}");
    }

    private async Task<bool> LoadAsync(long id)
    {
        try
        {
            Entry = await Service<FeedbackStore>().GetAsync(id, Aborted);
        }
        catch (NotFoundProblem)
        {
            return false;
        }

        Themes = (await Service<FeedbackThemes>().CountsAsync(Aborted)).Where(t => t.Configured).ToList();
        return true;
    }
}
