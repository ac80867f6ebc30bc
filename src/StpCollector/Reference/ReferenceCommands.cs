using System.CommandLine;
using StpCollector.Cli;

namespace StpCollector.Reference;

internal static class ReferenceCommands
{
    public static Command BuildSeed()
    {
        var seed = new Command("seed", "Load footprints, councils and bank holidays from the seeds folder (safe to repeat)");
        seed.Handles(async (_, services, cancellationToken) =>
        {
            var counts = await services.Get<SeedLoader>().LoadAsync(cancellationToken);
            Console.Out.WriteLine($"Loaded {counts.Footprints} footprints, {counts.Councils} councils, {counts.Links} council-footprint links and {counts.BankHolidays} bank holidays.");
            return ExitCodes.Ok;
        });
        return seed;
    }

    /// <param name="more">Further `councils` verbs that other features give (`councils show` comes from Reports).</param>
    public static Command BuildCouncils(params Command[] more)
    {
        var region = new Option<string?>("--region") { Description = "Only councils in this region, e.g. London" };
        var footprint = new Option<string?>("--footprint") { Description = "Only councils in this STP footprint, e.g. north-central-london" };
        var json = CommonOptions.Json();
        var list = new Command("list", "List councils with their ONS codes and footprints") { region, footprint, json };
        list.Handles(async (parse, services, cancellationToken) =>
        {
            var councils = await services.Get<CouncilDirectory>().ListAsync(parse.GetValue(region), parse.GetValue(footprint), cancellationToken);
            if (parse.GetValue(json))
                Output.Json(councils.Select(c => new { c.Code, c.Name, c.Type, c.Region, Footprints = c.FootprintIds.ToArray() }));
            else
                Output.Table(["Code", "Council", "Region", "Footprints"], councils.Select(c => new[] { c.Code, c.Name, c.Region, c.Footprints.Replace(",", ", ") }),
                    "No councils yet: load the reference data with `stpcollector seed`.");
            return ExitCodes.Ok;
        });
        var command = new Command("councils", "Councils (reference data) and their whole record") { list };
        foreach (var verb in more)
            command.Subcommands.Add(verb);
        return command;
    }

    public static Command BuildFootprints()
    {
        var json = CommonOptions.Json();
        var list = new Command("list", "List the STP footprints") { json };
        list.Handles(async (parse, services, cancellationToken) =>
        {
            var footprints = await services.Get<CouncilDirectory>().ListFootprintsAsync(cancellationToken);
            if (parse.GetValue(json))
                Output.Json(footprints);
            else
                Output.Table(["Id", "ONS code", "Footprint", "NHS region", "Councils"],
                    footprints.Select(f => new[] { f.Id, f.OnsCode, f.Name, f.Region, f.Councils.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
                    "No footprints yet: load the reference data with `stpcollector seed`.");
            return ExitCodes.Ok;
        });
        return new Command("footprints", "STP footprints (reference data)") { list };
    }
}
