using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using StpCollector.Audit;
using StpCollector.Bulletins;
using StpCollector.Files;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Subscribers;

/// <summary>
/// `subscribers import` for officers: a CSV (uploaded, or pasted) checked whole first, every bad line named; nothing is
/// saved while any line is wrong unless the officer asks to import the good ones (the verb's --skip-invalid).
/// </summary>
[Authorize(Policy = StaffPolicies.Officer)]
public sealed class ImportModel : ConsolePage
{
    private const int MaxBytes = 2 * 1024 * 1024;

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public string? Csv { get; set; }

    [BindProperty]
    public bool SkipInvalid { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (name, bytes) = await ReadAsync();
        if (bytes is null)
            return Again();
        SubscriberImporter.Result result;
        try
        {
            result = await Service<SubscriberImporter>().ImportAsync(CsvTable.Parse(name, bytes), SkipInvalid, Aborted);
        }
        catch (InvalidInputProblem problem)
        {
            ModelState.AddModelError(nameof(Csv), problem.Message);
            return Again();
        }

        if (!result.Imported)
        {
            foreach (var row in result.Problems)
                ModelState.AddModelError(nameof(Csv), $"Line {row.Line}: {row.Message}");
            ModelState.AddModelError(nameof(SkipInvalid),
                $"Nothing was imported: {Display.Plural(result.Problems.Count, "line needs", "lines need")} fixing. Correct them, or tick \"Import the good lines\" to leave them out.");
            return Again();
        }

        var counts = $"{result.Added} added, {result.Updated} updated, {result.Unchanged} unchanged, {result.KeptOut} left unsubscribed or suspended, {result.Problems.Count} invalid skipped";
        await AuditAsync(new AuditChange("subscribers import", "subscribers", name, Detail: counts));
        return Redirect(string.Create(CultureInfo.InvariantCulture,
            $"/subscribers?done=imported&added={result.Added}&updated={result.Updated}&unchanged={result.Unchanged}&kept={result.KeptOut}&skipped={result.Problems.Count}"));
    }

    /// <summary>The upload if one was chosen, else the pasted lines; null (with the error shown) when there is neither, or it is too big.</summary>
    private async Task<(string Name, byte[]? Bytes)> ReadAsync()
    {
        if (Upload is { Length: > 0 } upload)
        {
            if (upload.Length > MaxBytes)
            {
                ModelState.AddModelError(nameof(Upload), "The file is bigger than 2 MB: split it into smaller files.");
                return ("", null);
            }

            using var buffer = new MemoryStream();
            await upload.CopyToAsync(buffer, Aborted);
            return (Path.GetFileName(upload.FileName), buffer.ToArray());
        }

        if (!string.IsNullOrWhiteSpace(Csv))
            return ("the pasted CSV", Encoding.UTF8.GetBytes(Csv));
        ModelState.AddModelError(nameof(Upload), "Choose a CSV file, or paste its lines in the box.");
        return ("", null);
    }

    private IActionResult Again()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
