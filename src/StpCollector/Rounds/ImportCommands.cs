using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using StpCollector.Cli;

namespace StpCollector.Rounds;

/// <summary>`import FILE --round R` bulk-loads a staff file of returns.</summary>
internal static class ImportCommands
{
    public static Command BuildImport()
    {
        var file = new Argument<string>("FILE") { Description = "A .csv or .xlsx file, long layout (council_code,round,question_id,question,answer) or wide (council_code,Q1,Q2,...)" };
        var round = new Option<string>("--round") { Description = "The round the answers belong to, e.g. STP-R12", Required = true };
        var problemsFile = new Option<string?>("--problems")
        {
            Description = "Write every problem to this CSV file (line, council, question, problem); the terminal shows the first 20",
            HelpName = "FILE",
        };
        var json = CommonOptions.Json();
        var import = new Command("import", "Bulk-import a staff file of returns in one transaction, reporting every row not stored") { file, round, problemsFile, json };
        import.Handles(async (parse, services, cancellationToken) =>
        {
            var asJson = parse.GetValue(json);
            if (parse.GetValue(problemsFile) is { } problemsPath)
                ImportProblems.CheckWritable(problemsPath);
            using var problems = new ImportProblems(parse.GetValue(problemsFile), printToTerminal: !asJson);
            using var stdout = Console.OpenStandardOutput();
            using var writer = asJson ? new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true }) : null;
            writer?.WriteStartObject();
            writer?.WriteStartArray("problems");
            var bar = ProgressBar.ForTerminal();
            BulkImporter.Summary summary;
            try
            {
                summary = await services.Get<BulkImporter>().ImportAsync(parse.GetValue(file)!, parse.GetValue(round)!, problem =>
                {
                    bar?.Clear();
                    problems.Add(problem);
                    if (writer is not null)
                    {
                        writer.WriteStartObject();
                        writer.WriteNumber("line", problem.Line);
                        writer.WriteBoolean("rejected", problem.Rejected);
                        writer.WriteString("message", problem.Message);
                        writer.WriteEndObject();
                        if (writer.BytesPending > 1 << 16)
                            writer.Flush();
                    }
                }, bar is null ? null : bar.Show, cancellationToken);
            }
            catch (Exception e) when (Shared.DiskSpace.IsDiskFull(e))
            {
                // The import is one transaction, so it rolled back whole: say that plainly, and what the problems were about.
                bar?.Clear();
                var dataDir = services.Get<Shared.AppPaths>().DataDir;
                var problemsWere = problems.Count == 0 ? "" :
                    $" The {problems.Count.ToString("N0", CultureInfo.InvariantCulture)} problem(s) listed are about rows of the file; none of its rows was stored.";
                throw new UserFacingException(
                    $"Nothing was imported from {parse.GetValue(file)}: {Shared.DiskSpace.FullSummary(dataDir)}, so the import was rolled back whole.{problemsWere} " +
                    "Free some space on that disk and run the import again.", ExitCodes.Failure);
            }

            bar?.Clear();
            problems.Complete();
            if (writer is not null)
            {
                writer.WriteEndArray();
                writer.WritePropertyName("summary");
                JsonSerializer.Serialize(writer, summary, Output.JsonOptions);
                writer.WriteEndObject();
                writer.Flush();
                stdout.Write("\n"u8);
            }
            else
            {
                if (problems.Summary() is { } more)
                    Console.Out.WriteLine(more);
                var n = (long v) => v.ToString("N0", CultureInfo.InvariantCulture);
                Console.Out.WriteLine($"Imported {summary.File} ({summary.Format}) into {summary.Round}: {n(summary.Rows)} rows read, " +
                                      $"{n(summary.Returns)} returns stored ({n(summary.Replaced)} replacing earlier ones), {n(summary.Answers)} answers " +
                                      $"({n(summary.Valid)} valid, {n(summary.Invalid)} invalid, {n(summary.Missing)} missing), {n(summary.Rejected)} rows rejected.");
            }

            return ExitCodes.Ok;
        });
        return import;
    }

    /// <summary>A one-line progress bar on stderr, only when stderr is a terminal (never in logs or pipes).</summary>
    private sealed class ProgressBar
    {
        private readonly Stopwatch watch = Stopwatch.StartNew();
        private long lastShown = -1000;
        private bool visible;

        public static ProgressBar? ForTerminal() => Console.IsErrorRedirected ? null : new ProgressBar();

        public void Show(double fraction, long rows)
        {
            if (watch.ElapsedMilliseconds - lastShown < 200 && fraction < 1)
                return;
            lastShown = watch.ElapsedMilliseconds;
            const int width = 30;
            var filled = (int)Math.Round(fraction * width);
            Console.Error.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] {fraction,4:P0}  {rows.ToString("N0", CultureInfo.InvariantCulture)} rows  {watch.Elapsed.TotalSeconds:0.0} s ");
            visible = true;
        }

        public void Clear()
        {
            if (!visible)
                return;
            Console.Error.Write("\r" + new string(' ', 70) + "\r");
            visible = false;
        }
    }
}
