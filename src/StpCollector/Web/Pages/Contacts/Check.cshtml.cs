using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using StpCollector.Audit;
using StpCollector.Contacts;
using StpCollector.Files;
using StpCollector.Jobs;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Contacts;

/// <summary>
/// The second step of a contacts upload: every problem of the kept file with its line and column, the count of good rows,
/// and the officer's choice: import nothing (the file is set aside), or import the good rows in one transaction.
/// </summary>
[Authorize(Policy = StaffPolicies.Officer)]
public sealed class CheckModel : ConsolePage
{
    private static readonly TimeSpan BriefWait = TimeSpan.FromSeconds(3);

    /// <summary>"import" or "discard".</summary>
    [BindProperty]
    public string Choice { get; set; } = "";

    /// <summary>The counts the officer saw: an import is refused if the file now checks differently.</summary>
    [BindProperty]
    public int Good { get; set; }

    [BindProperty]
    public int Bad { get; set; }

    internal PendingUploads.Upload Upload { get; private set; } = null!;

    internal ContactImporter.Check Result { get; private set; } = null!;

    internal CsvTable Table { get; private set; } = null!;

    /// <summary>At most this many problems are listed on the page; all of them are in the problems file.</summary>
    internal const int ShownProblems = 500;

    internal IReadOnlyList<(int Line, ContactImporter.CellProblem Cell)> Cells =>
        [.. Result.Problems.SelectMany(row => row.Cells.Select(cell => (row.Line, cell)))];

    public async Task<IActionResult> OnGetAsync(string upload) => await LoadAsync(upload) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string upload)
    {
        if (!await LoadAsync(upload))
            return NotFound();
        var pending = Service<PendingUploads>();
        if (Choice == "discard")
        {
            pending.Delete(Upload.Id);
            await AuditAsync(new AuditChange("contacts upload discard", "contact upload", Upload.Id, "checked", "set aside", $"{Upload.Name}: nothing imported"));
            return Redirect("/contacts?done=discarded");
        }

        if (Choice != "import")
        {
            ModelState.AddModelError(nameof(Choice), "Choose to import the good rows, or to import nothing");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (Good != Result.Good || Bad != Result.Problems.Count)
            return Refused(new ConflictProblem($"The file now checks differently ({Result.Good} good rows, {Result.Problems.Count} with problems): nothing was imported. Read the check again and choose."));
        if (Result.Good == 0)
            return Refused(new ConflictProblem("The file has no good rows to import: fix it and upload it again."));

        // The import runs as a background job: a file of 100,000 rows neither holds this request open nor loses its
        // progress on a reload. Most files finish in a moment, and then the officer goes straight to the result.
        var jobs = Service<BackgroundJobQueue>();
        var job = await jobs.StartAsync(ContactImportJob.Name, $"Import contacts from {Upload.Name}", Actor.Name,
            ContactImportJob.Serialise(new ContactImportJob.Input(Upload.Id, Good, Bad)), Aborted);
        await AuditAsync(new AuditChange("contacts import start", "contact upload", Upload.Id, "checked", "importing",
            $"{Upload.Name}: {Good} good row(s), {Bad} with problems; background job {job}"));
        var finished = await Service<BackgroundJobStore>().WaitAsync(job, BriefWait, Aborted);
        return Redirect(finished is { State: BackgroundJob.Succeeded, ResultPath: { } result } ? result : $"/jobs/{job}");
    }

    private async Task<bool> LoadAsync(string upload)
    {
        if (Service<PendingUploads>().Find(upload) is not { } found)
            return false;
        Upload = found;
        Table = CsvTable.Parse(found.Name, found.Bytes, xlsxByName: true);
        Result = await Service<ContactImporter>().CheckAsync(Table, Aborted);
        return true;
    }
}
