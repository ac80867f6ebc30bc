using System.CommandLine;
using StpCollector.Cli;
using StpCollector.Shared;

namespace StpCollector.Ingestion;

/// <summary>`ingest FILE...` runs files through the mail pipeline.</summary>
internal static class IngestCommands
{
    public static Command BuildIngest()
    {
        var files = new Argument<string[]>("FILE") { Description = ".eml, .csv or .xlsx files", Arity = ArgumentArity.OneOrMore };
        var round = new Option<string?>("--round") { Description = "Round reference for files that do not name it, e.g. STP-R12" };
        var council = new Option<string?>("--council") { Description = "Council ONS code for files that do not name it, e.g. E09000007" };
        var json = CommonOptions.Json();
        var ingest = new Command("ingest", "Ingest reply emails (.eml) and return files (.csv, .xlsx) as if they had arrived in the returns mailbox") { files, round, council, json };
        ingest.Handles(async (parse, services, cancellationToken) =>
        {
            var pipeline = services.Get<InboundPipeline>();
            var hints = new IngestHints(parse.GetValue(round), parse.GetValue(council));
            var results = new List<(string File, InboundResult Result)>();
            foreach (var file in parse.GetValue(files)!)
            {
                if (!File.Exists(file))
                    throw new UserFacingException($"There is no file {file}.", ExitCodes.Usage);
                var bytes = await File.ReadAllBytesAsync(file, cancellationToken);
                results.Add((file, await pipeline.ProcessAsync(new InboundItem(InboundItem.Cli, Path.GetFullPath(file), bytes, Path.GetFileName(file)), hints, cancellationToken)));
            }

            if (parse.GetValue(json))
            {
                Output.Json(results.Select(r => new { r.File, r.Result.Id, r.Result.Outcome, r.Result.Duplicate, r.Result.ReturnsStored, r.Result.Reason }));
            }
            else
            {
                foreach (var (file, result) in results)
                    Console.Out.WriteLine($"{file}: #{result.Id} {(result.Duplicate ? "duplicate, " : "")}{result.Outcome}: {result.Reason}");
            }

            return results.Any(r => r.Result.OutcomeKind is InboundOutcome.Rejected or InboundOutcome.Failed) ? ExitCodes.Failure : ExitCodes.Ok;
        });
        return ingest;
    }
}
