using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using StpCollector.Audit;
using StpCollector.Foi;
using StpCollector.Questionnaires;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Foi;

/// <summary>`foi code` for officers: an answer read from the council's letter, checked like a council's own answer.</summary>
[Authorize(Policy = StaffPolicies.Officer)]
public sealed class CodeModel : ConsolePage
{
    internal const int MaxAnswerLength = 2000;

    [BindProperty]
    public string Question { get; set; } = "";

    [BindProperty]
    public string Answer { get; set; } = "";

    [BindProperty]
    public long? Document { get; set; }

    internal FoiRequestStore.View FoiRequest { get; private set; } = null!;

    internal Questionnaire? Questionnaire { get; private set; }

    internal IReadOnlyList<FoiDocumentStore.Document> Documents { get; private set; } = [];

    internal IReadOnlyList<FoiRequestStore.Answer> Answers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, string? question)
    {
        await LoadAsync(id);
        Question = question ?? "";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        await LoadAsync(id);
        if (Questionnaire is null)
            return Refused(new ConflictProblem($"{FoiReference.Of(id)} was sent without a questionnaire, so there are no questions to code answers to."));
        if (Question.Length == 0)
            ModelState.AddModelError(nameof(Question), "Choose the question the letter answers");
        if (Answer.Trim().Length == 0)
            ModelState.AddModelError(nameof(Answer), "Enter the answer as the letter gives it");
        else if (Answer.Length > MaxAnswerLength)
            ModelState.AddModelError(nameof(Answer), $"Keep the answer under {MaxAnswerLength} characters; code the gist and keep the letter as the record");
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        FoiAnswerCoder.Coded coded;
        try
        {
            coded = await Service<FoiAnswerCoder>().CodeAsync(id, Question, Answer, Document, Aborted);
        }
        catch (Problem problem) when (problem is InvalidInputProblem or NotFoundProblem)
        {
            Show(problem, problem.Field switch { "question" => nameof(Question), "document" => nameof(Document), _ => nameof(Answer) });
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await AuditAsync(new AuditChange("foi code", "foi_request", id.ToString(CultureInfo.InvariantCulture), null,
            $"{coded.Answer.QuestionId} = {coded.Answer.Value}", coded.DocumentName is null ? "" : $"from {coded.DocumentName}"));
        return Redirect($"/foi/{id}?done=coded");
    }

    private async Task LoadAsync(long id)
    {
        (FoiRequest, _) = await Service<FoiRequestStore>().ShowAsync(id, Aborted);
        Questionnaire = await Service<FoiAnswerCoder>().QuestionnaireOfAsync(id, Aborted);
        Documents = await Service<FoiDocumentStore>().ForRequestAsync(id, Aborted);
        Answers = await Service<FoiRequestStore>().AnswersAsync(id, Aborted);
    }

    internal string? Recorded(string questionId) =>
        Answers.LastOrDefault(a => string.Equals(a.QuestionId, questionId, StringComparison.OrdinalIgnoreCase)) is { } a
            ? a.Status == "valid" ? a.Value : $"{a.RawValue} ({a.Problem})"
            : null;
}
