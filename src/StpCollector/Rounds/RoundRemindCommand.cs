using System.CommandLine;
using StpCollector.Cli;

namespace StpCollector.Rounds;

/// <summary>round remind: chase now, through the outbox, without waiting for the schedule.</summary>
internal static class RoundRemindCommand
{
    public static Command Build()
    {
        var id = new Argument<string>("ROUND") { Description = "Round id or reference, e.g. 12 or STP-R12" };
        var councils = new Option<string?>("--councils")
        {
            Description = "Only these councils, by ONS code (CODE,CODE); default: every council that has not responded or sent a partial return",
        };
        var json = CommonOptions.Json();
        var remind = new Command("remind", "Queue a reminder now to councils that have not responded or sent a partial return") { id, councils, json };
        remind.Handles(async (parse, services, cancellationToken) =>
        {
            var named = parse.GetValue(councils) is { } list ? list.Split(',', StringSplitOptions.TrimEntries) : null;
            var chase = await services.Get<RoundChaser>().RemindAsync(Round.ParseId(parse.GetValue(id)!), named, cancellationToken);
            if (parse.GetValue(json))
            {
                Output.Json(new
                {
                    Round = chase.Round.Reference,
                    Reminded = chase.Reminded.Select(r => new
                    {
                        r.CouncilCode, r.CouncilName, To = r.AllLeads.Select(l => l.Email).ToArray(), Partial = r.Missing.Count > 0,
                        Missing = r.Missing.Select(m => m.Id).ToArray(),
                    }),
                    chase.NotReminded,
                });
                return ExitCodes.Ok;
            }

            if (chase.Reminded.Count == 0)
                Console.Out.WriteLine($"Round {chase.Round.Reference}: nobody to remind: every council invited has sent a complete return, or could not be reached.");
            else
                Console.Out.WriteLine($"Round {chase.Round.Reference}: {chase.Reminded.Count} reminder(s) queued; the outbox sends them at the worker's next dispatch.");
            foreach (var to in chase.Reminded)
            {
                Console.Out.WriteLine($"  {to.CouncilName} ({to.CouncilCode}) to {string.Join(", ", to.AllLeads.Select(l => l.Email))}: " +
                    (to.Missing.Count > 0 ? $"partial, missing {ReturnCompleteness.Ids(to.Missing)}" : "no return yet"));
            }

            foreach (var why in chase.NotReminded)
                Console.Out.WriteLine($"  Not reminded: {why}");
            return ExitCodes.Ok;
        });
        return remind;
    }
}
