using System.Diagnostics;
using StpCollector.Ingestion;
using StpCollector.Rounds;
using StpCollector.Questionnaires;

namespace StpCollector.Benchmarks.Profiling;

/// <summary>
/// profile-import: where the bulk import's time goes, phase by phase, on one file: reading the CSV, then also
/// checking every answer, then the whole import (BulkImporter into --data-dir). Stopwatch, one process.
/// </summary>
public static class ImportPhases
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var file = args.Text("file");
        var questionnaire = QuestionnaireFile.Load(args.Text("questionnaire"));
        var byId = questionnaire.Questions.ToDictionary(q => q.Id);

        for (var pass = 0; pass < 2; pass++)
        {
            var watch = Stopwatch.StartNew();
            long rows = 0;
            using (var table = Tabular.Open(File.OpenRead(file), Path.GetFileName(file)))
                foreach (var _ in table.Rows())
                    rows++;
            var read = watch.Elapsed;

            watch.Restart();
            long valid = 0;
            using (var table = Tabular.Open(File.OpenRead(file), Path.GetFileName(file)))
                foreach (var row in table.Rows())
                    if (AnswerNormaliser.Check(byId[row.Fields[2]], row.Fields[4]).Status == AnswerStatus.Valid)
                        valid++;
            var check = watch.Elapsed;
            Console.WriteLine($"pass {pass}: read {rows} rows {read.TotalMilliseconds:0} ms ({rows / read.TotalSeconds / 1000:0}k/s); read+check {check.TotalMilliseconds:0} ms, {valid} valid");
        }

        if (args.Text("data-dir", "") is { Length: > 0 } dataDir)
        {
            using var host = await BenchHost.StartAsync(dataDir);
            var watch = Stopwatch.StartNew();
            var summary = await host.Get<BulkImporter>().ImportAsync(file, args.Text("round"), _ => { }, null, CancellationToken.None);
            Console.WriteLine($"import (in process, host warm): {summary.Answers} answers in {watch.ElapsedMilliseconds} ms ({summary.Answers / watch.Elapsed.TotalSeconds / 1000:0}k/s)");
        }

        return 0;
    }
}
