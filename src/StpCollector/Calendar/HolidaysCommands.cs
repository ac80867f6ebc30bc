using System.CommandLine;
using System.Globalization;
using StpCollector.Cli;

namespace StpCollector.Calendar;

/// <summary>The `holidays` verb: the bank holiday list that working-day deadlines are counted from.</summary>
internal static class HolidaysCommands
{
    public static Command Build() => new("holidays", "UK bank holidays (the list working-day deadlines are counted from)")
    {
        BuildImport(),
        BuildList(),
    };

    private static Command BuildImport()
    {
        var file = new Argument<string>("FILE") { Description = "CSV with columns date,jurisdiction,name (date as yyyy-MM-dd)" };
        var replaceYear = new Option<int?>("--replace-year")
        { CustomParser = WholeNumber.OrNone<int>("--replace-year"),
            Description = "First remove that year's holidays the file does not list, for the jurisdictions it lists that year (to correct a moved holiday)",
        };
        var import = new Command("import", "Add or rename bank holidays from a CSV file; deadlines of open requests follow the list") { file, replaceYear };
        import.Handles(async (parse, services, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
                throw new UserFacingException($"There is no file {Path.GetFullPath(path)}.", ExitCodes.Usage);
            var result = await services.Get<HolidayImporter>().ImportAsync(path, parse.GetValue(replaceYear), cancellationToken);
            foreach (var problem in result.Problems)
                Output.Error($"{path}, line {problem.Line}: {problem.Message}");
            if (!result.Imported)
            {
                Output.Error($"Nothing was imported: {result.Problems.Count} line(s) need fixing.");
                return ExitCodes.Usage;
            }

            Console.Out.WriteLine($"Imported bank holidays: {result.Added} added, {result.Renamed} renamed, {result.Unchanged} unchanged, {result.Removed} removed.");
            return ExitCodes.Ok;
        });
        return import;
    }

    private static Command BuildList()
    {
        var year = new Option<int>("--year") { CustomParser = WholeNumber.Of<int>("--year"), Description = "The calendar year to list", Required = true };
        var jurisdiction = new Option<string?>("--jurisdiction") { Description = $"Only this list: {string.Join(", ", Jurisdictions.All)}" };
        var json = CommonOptions.Json();
        var list = new Command("list", "List a year's bank holidays") { year, jurisdiction, json };
        list.Handles(async (parse, services, cancellationToken) =>
        {
            var holidays = await services.Get<HolidayCalendarStore>().ListAsync(parse.GetValue(year), parse.GetValue(jurisdiction), cancellationToken);
            if (parse.GetValue(json))
            {
                Output.Json(holidays);
                return ExitCodes.Ok;
            }

            Output.Table(["Date", "Day", "Jurisdiction", "Name", "Source"], holidays.Select(h => new[]
            {
                h.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), h.Date.DayOfWeek.ToString()[..3], h.Jurisdiction, h.Name, h.Source,
            }), $"No bank holidays are listed for {parse.GetValue(year)}. Add them with: stpcollector holidays import FILE.csv");
            return ExitCodes.Ok;
        });
        return list;
    }
}
