using System.Globalization;
using StpCollector.Files;
using StpCollector.Shared;

namespace StpCollector.Calendar;

/// <summary>
/// A bank holiday CSV (columns date,jurisdiction,name; header in any case) read and checked whole: every bad date,
/// unknown jurisdiction, empty name and repeated (date, jurisdiction) is reported with its line.
/// </summary>
internal sealed record HolidayFile(string Path, IReadOnlyList<BankHoliday> Holidays, IReadOnlyList<HolidayFile.Problem> Problems)
{
    public sealed record Problem(int Line, string Message);

    private static readonly string[] RequiredColumns = ["date", "jurisdiction", "name"];

    public bool IsValid => Problems.Count == 0;

    public static HolidayFile Read(string path) => Check(CsvTable.Read(path));

    public static HolidayFile Check(CsvTable table)
    {
        var missing = RequiredColumns.Where(c => table.ColumnOf(c) < 0).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidInputProblem(
                $"{table.Path}, line 1: missing column(s) {string.Join(", ", missing)}. The header must name date,jurisdiction,name " +
                $"(found: {string.Join(",", table.Headers)}).", field: "file");
        }

        int date = table.ColumnOf("date"), jurisdiction = table.ColumnOf("jurisdiction"), name = table.ColumnOf("name");
        var holidays = new List<BankHoliday>();
        var problems = new List<Problem>();
        var seen = new Dictionary<(DateOnly, string), int>();
        foreach (var row in table.Rows)
        {
            var rowProblems = new List<string>();
            var parsedDate = ParseDate(row.Get(date));
            var parsedJurisdiction = Jurisdictions.Normalise(row.Get(jurisdiction));
            if (parsedDate is null)
                rowProblems.Add($"'{row.Get(date)}' is not a date in the form yyyy-MM-dd (e.g. 2026-12-25)");
            if (parsedJurisdiction is null)
                rowProblems.Add($"unknown jurisdiction '{row.Get(jurisdiction)}' (use one of: {string.Join(", ", Jurisdictions.All)})");
            if (row.Get(name).Length == 0)
                rowProblems.Add("name is empty");
            if (rowProblems.Count == 0 && seen.TryGetValue((parsedDate!.Value, parsedJurisdiction!), out var firstLine))
                rowProblems.Add($"repeats line {firstLine} (same date and jurisdiction)");

            if (rowProblems.Count > 0)
            {
                problems.Add(new Problem(row.Line, string.Join("; ", rowProblems)));
                continue;
            }

            seen[(parsedDate!.Value, parsedJurisdiction!)] = row.Line;
            holidays.Add(new BankHoliday(parsedDate.Value, parsedJurisdiction!, row.Get(name)));
        }

        if (table.Rows.Count == 0)
            problems.Add(new Problem(1, "the file has a header but no holidays"));
        return new HolidayFile(table.Path, holidays, problems);
    }

    public static DateOnly? ParseDate(string text) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value : null;
}
