using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using StpCollector.Contacts;
using StpCollector.Files;

namespace StpCollector.Web.Pages.Contacts;

/// <summary>Every problem of a checked upload as a CSV file (line, column, problem), for a file whose problems are too many to read on the page.</summary>
[Authorize(Policy = StaffPolicies.Officer)]
public sealed class ProblemsModel : ConsolePage
{
    public async Task<IActionResult> OnGetAsync(string upload)
    {
        if (Service<PendingUploads>().Find(upload) is not { } found)
            return NotFound();
        var check = await Service<ContactImporter>().CheckAsync(CsvTable.Parse(found.Name, found.Bytes, xlsxByName: true), Aborted);
        await using var text = new StringWriter(CultureInfo.InvariantCulture);
        await using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            csv.WriteField("line");
            csv.WriteField("column");
            csv.WriteField("problem");
            await csv.NextRecordAsync();
            foreach (var row in check.Problems)
            {
                foreach (var cell in row.Cells)
                {
                    csv.WriteField(row.Line);
                    csv.WriteField(cell.Column);
                    csv.WriteField(CellSafety.Neutralise(cell.Message));
                    await csv.NextRecordAsync();
                }
            }
        }

        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray(), "application/octet-stream",
            DownloadName.Safe($"problems-{Path.GetFileNameWithoutExtension(found.Name)}.csv", "problems.csv"));
    }
}
