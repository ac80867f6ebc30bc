using System.CommandLine;
using StpCollector.Cli;

namespace StpCollector.Reports;

internal static class ReportCommands
{
    public static Command BuildReport()
    {
        var round = new Argument<string>("ROUND") { Description = "Round reference (e.g. STP-R12) or id" };
        var by = new Option<string?>("--by") { Description = "Also break the figures down: region (London against the rest of England) or footprint" };
        by.AcceptOnlyFromAmong("region", "footprint");
        var format = new Option<string>("--format") { Description = "table (default), json, csv or xlsx", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "csv", "xlsx");
        var output = new Option<string?>("--out") { Description = "Write to this file instead of the screen (needed for xlsx)" };
        var withFoi = WithFoi("Also compare the round's answers with this FoI batch's, question by question");
        var report = new Command("report", "Figures for a round: response rate, answers per question, change since the previous round") { round, by, format, output, withFoi };
        report.Handles(async (parse, services, cancellationToken) =>
        {
            var kind = parse.GetValue(format)!;
            var file = parse.GetValue(output);
            if (kind == "xlsx" && file is null)
                throw new UserFacingException("--format xlsx needs --out FILE.xlsx.", ExitCodes.Usage);
            CheckFolder(file);
            var breakdown = parse.GetValue(by) switch { "region" => ReportBreakdown.Region, "footprint" => ReportBreakdown.Footprint, _ => ReportBreakdown.None };
            var result = await services.Get<RoundReportBuilder>().BuildAsync(parse.GetValue(round)!, breakdown, parse.GetValue(withFoi), cancellationToken);
            switch (kind)
            {
                case "json" when file is null:
                    Output.Json(result);
                    break;
                case "json":
                    await File.WriteAllTextAsync(file, System.Text.Json.JsonSerializer.Serialize(result, Output.JsonOptions), cancellationToken);
                    break;
                case "csv" when file is null:
                    ReportFiles.WriteCsv(Console.Out, ReportRows.Headers, ReportRows.Answers(result));
                    break;
                case "csv":
                    ReportFiles.WriteCsvFile(file, ReportRows.Headers, ReportRows.Answers(result));
                    break;
                case "xlsx":
                    ReportFiles.WriteXlsx(file!,
                    [
                        new ReportFiles.Sheet("Answers", ReportRows.Headers, ReportRows.Answers(result)),
                        new ReportFiles.Sheet("Quotes", ["question_id", "theme", "councils", "quote"], ReportRows.Quotes(result)),
                    ]);
                    break;
                default:
                    if (file is not null)
                        throw new UserFacingException("--out needs --format json, csv or xlsx (the table is for the screen).", ExitCodes.Usage);
                    ReportTable.Print(result, Output.Table);
                    break;
            }

            if (file is not null)
                Console.Out.WriteLine($"Wrote the {result.Round.Reference} report to {Path.GetFullPath(file)}.");
            return ExitCodes.Ok;
        });
        return report;
    }

    public static Command BuildExport()
    {
        var round = new Argument<string>("ROUND") { Description = "Round reference (e.g. STP-R12) or id" };
        var format = new Option<string>("--format") { Description = "csv or xlsx", Required = true };
        format.AcceptOnlyFromAmong("csv", "xlsx");
        var output = new Option<string>("--out") { Description = "The file to write", Required = true };
        var withFoi = WithFoi("Also give each council's answers to this FoI batch, and the source of each value (survey, foi, both-agree, conflict)");
        var export = new Command("export", "Every council's answers to a round: a row per council, a column per question, with provenance") { round, format, output, withFoi };
        export.Handles(async (parse, services, cancellationToken) =>
        {
            var file = parse.GetValue(output)!;
            CheckFolder(file);
            var table = await services.Get<RoundExport>().BuildAsync(parse.GetValue(round)!, parse.GetValue(withFoi), cancellationToken);
            using (var saved = File.Create(file))
                RoundExportFile.Write(saved, table, parse.GetValue(format)!);
            var foi = parse.GetValue(withFoi) is { } batch ? $" with FoI batch {batch}" : "";
            Console.Out.WriteLine($"Exported {table.Rows.Count} councils' answers to {table.Round.Reference}{foi} to {Path.GetFullPath(file)}.");
            return ExitCodes.Ok;
        });
        return export;
    }

    /// <summary>--with-foi BATCH: the batch number `foi create` printed; it must have asked the round's questionnaire.</summary>
    private static Option<long?> WithFoi(string description) => new("--with-foi") { Description = description, HelpName = "BATCH", CustomParser = WholeNumber.OrNone<long>("--with-foi") };

    private static void CheckFolder(string? file)
    {
        var folder = file is null ? null : Path.GetDirectoryName(Path.GetFullPath(file));
        if (folder is not null && !Directory.Exists(folder))
            throw new UserFacingException($"Cannot write {file}: the folder {folder} does not exist.", ExitCodes.Usage);
    }
}
