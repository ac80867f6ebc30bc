using System.Globalization;
using System.Text.Json;
using StpCollector.Audit;
using StpCollector.Files;
using StpCollector.Jobs;
using StpCollector.Shared;

namespace StpCollector.Contacts;

/// <summary>
/// Imports the good rows of a checked contacts upload in the background, so a file of 100,000 rows neither holds the
/// officer's request open nor loses its progress on a reload. One transaction, as everywhere: a job cut off saves nothing.
/// </summary>
internal sealed class ContactImportJob(PendingUploads pending, ContactImporter importer, AuditLog audit) : IBackgroundJobHandler
{
    public const string Name = "contacts import";

    /// <summary>The kept upload and the counts the officer saw on its check page.</summary>
    public sealed record Input(string Upload, int Good, int Bad);

    public string Kind => Name;

    public static string Serialise(Input input) => JsonSerializer.Serialize(input);

    public async Task<JobOutcome> RunAsync(BackgroundJob job, string input, IProgress<JobProgress> progress, CancellationToken cancellationToken)
    {
        var wanted = JsonSerializer.Deserialize<Input>(input) ?? throw new InvalidInputProblem("The job names no upload.");
        var upload = pending.Find(wanted.Upload)
            ?? throw new ConflictProblem("The uploaded file is no longer kept (it was imported or set aside already, or is over a day old): upload it again.");
        var table = CsvTable.Parse(upload.Name, upload.Bytes, xlsxByName: true);
        progress.Report(new JobProgress(0, table.Rows.Count, "Checking every row again"));
        var check = await importer.CheckAsync(table, cancellationToken);
        if (check.Good != wanted.Good || check.Problems.Count != wanted.Bad)
            throw new ConflictProblem($"The file now checks differently ({check.Good} good rows, {check.Problems.Count} with problems): nothing was imported. Read its check again and choose.");

        var rows = new Progress(progress);
        var imported = await importer.ImportAsync(table, skipInvalid: true, replace: false, rows, cancellationToken);
        pending.Delete(upload.Id);
        var counts = $"{imported.Added} added, {imported.Updated} updated, {imported.Unchanged} unchanged";
        var skipped = imported.Problems.Count > 0 ? $"; {imported.Problems.Count} row(s) with problems skipped" : "";
        await audit.RecordAsync(AuditActor.ConsoleUser(job.StartedBy),
            new AuditChange("contacts import", "contact upload", upload.Id, null, counts, upload.Name + skipped), CancellationToken.None);
        return new JobOutcome($"Contacts imported from {upload.Name}: {counts}{skipped}.",
            string.Create(CultureInfo.InvariantCulture,
                $"/contacts?done=imported&added={imported.Added}&updated={imported.Updated}&unchanged={imported.Unchanged}&skipped={imported.Problems.Count}"));
    }

    private sealed class Progress(IProgress<JobProgress> job) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => job.Report(new JobProgress(value.Done, value.Total, "Saving the contacts"));
    }
}
