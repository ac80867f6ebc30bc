using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using StpCollector.Audit;
using StpCollector.Bulletins;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Faq;

/// <summary>`faq draft` for officers: a question and the feedback it draws on (ticked, or typed as numbers), quoted anonymised unless attributed.</summary>
[Authorize(Policy = StaffPolicies.Officer)]
public sealed class DraftModel : ConsolePage
{
    /// <summary>How much recent feedback the form offers to tick; older feedback is named by number.</summary>
    private const int Offered = 30;

    [BindProperty]
    public List<long> FromFeedback { get; set; } = [];

    [BindProperty]
    public string? FeedbackNumbers { get; set; }

    [BindProperty]
    public string Question { get; set; } = "";

    [BindProperty]
    public bool Attribute { get; set; }

    internal IReadOnlyList<FeedbackEntry> Recent { get; private set; } = [];

    public async Task OnGetAsync(string? from)
    {
        FeedbackNumbers = from;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ids = new List<long>(FromFeedback);
        foreach (var part in (FeedbackNumbers ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (long.TryParse(part.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                ids.Add(id);
            else
                ModelState.AddModelError(nameof(FeedbackNumbers), $"'{part}' is not a feedback number: give numbers separated by commas, e.g. 3, 7.");
        }

        ids = ids.Distinct().ToList();
        if (!ModelState.IsValid)
            return await AgainAsync(StatusCodes.Status400BadRequest);
        long draft;
        try
        {
            draft = await Service<FaqDrafter>().DraftAsync(ids, Question, Attribute, Aborted);
        }
        catch (Problem problem) when (problem is InvalidInputProblem or NotFoundProblem or ConflictProblem)
        {
            Show(problem, problem.Field switch
            {
                "--question" => nameof(Question),
                "--from-feedback" => nameof(FeedbackNumbers),
                _ => "",
            });
            return await AgainAsync(problem.Kind switch
            {
                ProblemKind.NotFound => StatusCodes.Status404NotFound,
                ProblemKind.Conflict => StatusCodes.Status409Conflict,
                _ => StatusCodes.Status400BadRequest,
            });
        }

        var sources = string.Join(", ", ids.Order().Select(i => "#" + i.ToString(CultureInfo.InvariantCulture)));
        await AuditAsync(new AuditChange("faq draft", "faq", draft.ToString(CultureInfo.InvariantCulture), After: FaqStore.Draft,
            Detail: $"sources: feedback {sources}{(Attribute ? ", attributed" : "")}"));
        return Redirect($"/faq/{draft}?done=drafted");
    }

    private async Task<IActionResult> AgainAsync(int status)
    {
        await LoadAsync();
        Response.StatusCode = status;
        return Page();
    }

    private async Task LoadAsync() =>
        Recent = (await Service<FeedbackStore>().ListAsync(null, null, null, Aborted)).Take(Offered).ToList();

    internal static string FirstWords(FeedbackEntry entry) => FeedbackText.FirstWords(entry.Words, 80);
}
