using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using StpCollector.Audit;
using StpCollector.Bulletins;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Bulletins;

/// <summary>
/// Officers write the next bulletin's editorial (Markdown), preview it exactly as it will be sent and save it. The HTML
/// preview is framed from this page's own "Frame" handler under the sandbox policy of <see cref="HtmlModel"/>, so the
/// bulletin's markup never runs as the console. Saving rebuilds the draft and takes back any approval.
/// </summary>
[Authorize(Policy = StaffPolicies.Officer)]
public sealed class DraftModel : ConsolePage
{
    public const string FrameName = "bulletin-preview";

    [BindProperty]
    public string? Intro { get; set; }

    [BindProperty]
    public string? QuickLinks { get; set; }

    [BindProperty]
    public long Version { get; set; }

    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    internal EditorialState State { get; private set; } = null!;

    /// <summary>The text part of the preview, or why there is none.</summary>
    internal string? PreviewText { get; private set; }

    internal string? PreviewProblem { get; private set; }

    /// <summary>Where the frame loads the HTML preview from: the saved editorial, or (after Preview) the typed one.</summary>
    internal string FrameSource { get; private set; } = "/bulletins/draft?handler=Frame";

    internal bool Conflicted { get; private set; }

    internal bool IsApprover => User.IsInRole(StaffPolicies.Approver);

    internal string? DoneText => Done switch
    {
        "saved" => "The editorial is saved and the draft rebuilt with it. An approver other than you must approve it before it is sent.",
        "withdrawn" => "The editorial is saved and the draft rebuilt with it. Its approval was taken back: an approver other than you must approve it again.",
        "saved-no-draft" => "The editorial is saved. There are no figures yet, so no draft was built.",
        _ => null,
    };

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        (Intro, QuickLinks, Version) = (State.Editorial.Markdown.Intro, State.Editorial.Markdown.QuickLinks, State.Editorial.Version);
        await PreviewTextAsync();
        return Page();
    }

    /// <summary>The no-script preview: the page again with the typed text kept, its text part, and the frame showing it.</summary>
    public async Task<IActionResult> OnPostPreviewAsync()
    {
        await LoadAsync();
        await PreviewTextAsync();
        FrameSource = FramePath(Typed());
        return Page();
    }

    /// <summary>The HTML preview for the frame: the saved editorial, or the one in the query (a GET from the no-script preview).</summary>
    public Task<IActionResult> OnGetFrameAsync(string? intro, string? quickLinks) =>
        FrameAsync(intro is null && quickLinks is null ? null : new EditorialMarkdown(intro ?? "", quickLinks ?? ""));

    /// <summary>The HTML preview for the frame from the form as typed (the script posts the form here, targeting the frame).</summary>
    public Task<IActionResult> OnPostFrameAsync() => FrameAsync(Typed());

    /// <summary>The text part for the script to show beside the frame.</summary>
    public async Task<IActionResult> OnPostTextAsync()
    {
        try
        {
            return Content((await Service<BulletinDrafts>().PreviewAsync(Typed(), Aborted)).Text, "text/plain; charset=utf-8");
        }
        catch (Problem problem) when (problem is InvalidInputProblem or ConflictProblem or UnavailableProblem)
        {
            return Content("No preview: " + problem.Message, "text/plain; charset=utf-8");
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var before = Version;
        EditorialSaved saved;
        try
        {
            saved = await Service<BulletinDrafts>().SaveEditorialAsync(Typed(), Version, Actor.Name, Aborted);
        }
        catch (InvalidInputProblem problem)
        {
            Show(problem);
            await LoadAsync();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        catch (ConflictProblem problem)
        {
            // Their text stays in the form; the saved one is shown beside it, and the form now saves over it.
            await LoadAsync();
            Conflicted = true;
            Version = State.Editorial.Version;
            return Refused(problem);
        }

        var id = saved.DraftId?.ToString(CultureInfo.InvariantCulture) ?? "editorial";
        await AuditAsync(new AuditChange("bulletin edit", "bulletin", id, $"editorial version {before}", $"editorial version {saved.Version}",
            saved.DraftId is null ? "editorial saved; no draft (no figures yet)" : saved.ApprovalWithdrawn ? "draft rebuilt; approval withdrawn" : "draft rebuilt"));
        return Redirect($"/bulletins/draft?done={(saved.DraftId is null ? "saved-no-draft" : saved.ApprovalWithdrawn ? "withdrawn" : "saved")}");
    }

    private EditorialMarkdown Typed() => new(Intro ?? "", QuickLinks ?? "");

    private async Task LoadAsync()
    {
        State = await Service<BulletinDrafts>().EditorialAsync(Aborted);
        Response.Headers.ContentSecurityPolicy = ShowModel.FramingPolicy;
    }

    private async Task PreviewTextAsync()
    {
        try
        {
            PreviewText = (await Service<BulletinDrafts>().PreviewAsync(Typed(), Aborted)).Text;
        }
        catch (Problem problem) when (problem is InvalidInputProblem or ConflictProblem or UnavailableProblem)
        {
            PreviewProblem = problem.Message;
        }
    }

    private static string FramePath(EditorialMarkdown typed) =>
        "/bulletins/draft?handler=Frame&intro=" + Uri.EscapeDataString(typed.Intro) + "&quickLinks=" + Uri.EscapeDataString(typed.QuickLinks);

    private async Task<IActionResult> FrameAsync(EditorialMarkdown? typed)
    {
        string html;
        try
        {
            var drafts = Service<BulletinDrafts>();
            html = (await drafts.PreviewAsync(typed ?? (await drafts.EditorialAsync(Aborted)).Editorial.Markdown, Aborted)).Html;
        }
        catch (Problem problem) when (problem is InvalidInputProblem or ConflictProblem or UnavailableProblem)
        {
            html = $"<!DOCTYPE html><html lang=\"en\"><title>No preview</title><p>No preview: {System.Net.WebUtility.HtmlEncode(problem.Message)}</p></html>";
        }

        Response.Headers.ContentSecurityPolicy = HtmlModel.SandboxPolicy;
        Response.Headers.XFrameOptions = "SAMEORIGIN";
        return Content(html, "text/html; charset=utf-8");
    }
}
