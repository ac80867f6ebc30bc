using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using StpCollector.Audit;
using StpCollector.Contacts;
using StpCollector.Files;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Contacts;

/// <summary>
/// The first step of a contacts upload (a CSV or XLSX file, or CSV rows pasted): the file is checked as `contacts import`
/// checks it and kept on the server under a random id; nothing is saved to the contacts until the officer chooses on the
/// check page. A file that cannot be read at all (no header, binary, empty) is refused here with the reason.
/// </summary>
[Authorize(Policy = StaffPolicies.Officer)]
[RequestSizeLimit(RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
public sealed class UploadModel : ConsolePage
{
    /// <summary>The largest file staff may upload: about 200,000 contact rows.</summary>
    internal const int MaxFileBytes = 16 * 1024 * 1024;

    /// <summary>Bodies up to this size are read, so a file a little too large gets a plain message rather than a bare 413.</summary>
    private const int RequestLimit = 64 * 1024 * 1024;

    /// <summary>The file input's id, where its problems are shown.</summary>
    internal const string FileField = "File";

    [BindProperty]
    public string Pasted { get; set; } = "";

    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync(IFormFile? file)
    {
        var (name, bytes) = await ReadAsync(file);
        if (bytes is null)
            return Invalid();

        ContactImporter.Check check;
        try
        {
            check = await Service<ContactImporter>().CheckAsync(CsvTable.Parse(name, bytes, xlsxByName: true), Aborted);
        }
        catch (InvalidInputProblem problem)
        {
            ModelState.AddModelError(FileField, problem.Message);
            return Invalid();
        }

        var id = Service<PendingUploads>().Save(name, bytes);
        await AuditAsync(new AuditChange("contacts upload", "contact upload", id, null, "checked",
            $"{name}: {check.Rows} row(s), {check.Good} good, {check.Problems.Count} with problems; nothing imported yet"));
        return Redirect($"/contacts/upload/{id}");
    }

    private IActionResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>The uploaded file, or the pasted rows; null bytes (with the reason in ModelState) when there is nothing usable.</summary>
    private async Task<(string Name, byte[]? Bytes)> ReadAsync(IFormFile? file)
    {
        if (file is null || file.Length == 0 && file.FileName.Length == 0)
        {
            if (Pasted.Trim().Length > 0)
                return ("pasted rows.csv", System.Text.Encoding.UTF8.GetBytes(Pasted));
            ModelState.AddModelError(FileField, "Choose a CSV or Excel (.xlsx) file of contacts, or paste the rows");
            return ("", null);
        }

        if (file.Length == 0)
        {
            ModelState.AddModelError(FileField, $"{file.FileName} is empty. Choose the file again, or save it once more from your spreadsheet.");
            return (file.FileName, null);
        }

        if (file.Length > MaxFileBytes)
        {
            ModelState.AddModelError(FileField, $"{file.FileName} is {file.Length / (1024 * 1024.0):0.#} MB; files up to {MaxFileBytes / (1024 * 1024)} MB are accepted. " +
                "Split it into smaller files, or import it on the server with stpcollector contacts import FILE.");
            return (file.FileName, null);
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, Aborted);
        return (Path.GetFileName(file.FileName), buffer.ToArray());
    }
}
