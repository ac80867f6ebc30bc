using System.CommandLine;
using StpCollector.Calendar;
using StpCollector.Cli;

namespace StpCollector.Audit;

internal static class AuditCommands
{
    public static Command Build()
    {
        var since = IsoDateOption.Create("--since", "Only changes on or after this day (London time)", required: false);
        var limit = new Option<int>("--limit") { CustomParser = WholeNumber.Of<int>("--limit"), DefaultValueFactory = _ => 200, Description = "At most this many entries, newest first (default 200)" };
        var json = CommonOptions.Json();
        var list = new Command("list", "List recorded changes, newest first: who, when, what, which record") { since, limit, json };
        list.Handles(async (parse, services, cancellationToken) =>
        {
            DateOnly? day = parse.GetValue(since) is var given && given != default ? given : null;
            var entries = await services.Get<AuditLog>().ListAsync(day, Math.Clamp(parse.GetValue(limit), 1, 100_000), cancellationToken: cancellationToken);
            if (parse.GetValue(json))
                Output.Json(entries);
            else
                Output.Table(["When", "Who", "What", "Record", "Detail"], entries.Select(e => new[]
                {
                    LondonTime.Short(e.At), e.Actor, e.Action, e.RecordId.Length == 0 ? e.RecordType : $"{e.RecordType} {e.RecordId}",
                    e.Before is null && e.After is null ? e.Detail : $"{e.Detail} ({e.Before ?? "-"} -> {e.After ?? "-"})".Trim(),
                }), day is null ? "No changes recorded yet." : "No changes recorded on or after that day.");
            return ExitCodes.Ok;
        });
        return new Command("audit", "The record of every change staff made, from the console or the command line") { list };
    }
}
