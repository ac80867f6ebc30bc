using System.Globalization;
using Dapper;
using NUnit.Framework;
using StpCollector.Calendar;
using StpCollector.Cli;
using StpCollector.Reference;
using StpCollector.Shared;
using StpCollector.Storage;

using StpCollector.Tests.Support;

namespace StpCollector.Tests.Calendar;

/// <summary>`holidays import` through the services, against a real SQLite file seeded from seeds/.</summary>
public class HolidayImportTests
{
    private TempDataDir data = null!;

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private HolidayImporter Importer => data.Services.Get<HolidayImporter>();

    private Task<WorkingDayCalendar> CalendarAsync() => data.Services.Get<HolidayCalendarStore>().LoadUnitedKingdomAsync();

    [SetUp]
    public async Task SetUp()
    {
        data = new TempDataDir();
        await data.StartAsync();
    }

    [TearDown]
    public void TearDown() => data.Dispose();

    [Test]
    public async Task ReplacingAYear_WithAMovedHoliday_MovesTheDueDate_AndSurvivesASeedReload()
    {
        // Seeds: VE day Fri 8 May 2020 -> received Tue 5 May is due Thu 4 Jun (see WorkingDayCalendarTests).
        Assert.That((await CalendarAsync()).DueDate(D("2020-05-05")), Is.EqualTo(D("2020-06-04")));

        // A list with the early May holiday back on Mon 4 May: Tue 5 May -> 1 Wed 6, 2 Thu 7, 3 Fri 8, 4-8 Mon 11-Fri 15, 9-13 Mon 18-Fri 22,
        // [Mon 25], 14-17 Tue 26-Fri 29, 18 Mon 1 Jun, 19 Tue 2, 20 Wed 3 Jun.
        var seed2020 = RepoFiles.SeedHolidays.Where(h => h.Date.Year == 2020).ToList();
        var moved = seed2020.Where(h => h.Date != D("2020-05-08")).Concat(Jurisdictions.All.Select(j => new BankHoliday(D("2020-05-04"), j, "Early May bank holiday")));
        var result = await Importer.ImportAsync(data.WriteFile("moved.csv", Csv(moved)), replaceYear: 2020);

        Assert.That((result.Added, result.Renamed, result.Unchanged, result.Removed), Is.EqualTo((3, 0, seed2020.Count - 3, 3)));
        Assert.That((await CalendarAsync()).DueDate(D("2020-05-05")), Is.EqualTo(D("2020-06-03")));

        // The seed loader upserts seeds/bank-holidays.csv again whenever a seed file changes: it must not bring 8 May back.
        await data.Services.Get<SeedLoader>().LoadAsync();
        Assert.That((await CalendarAsync()).DueDate(D("2020-05-05")), Is.EqualTo(D("2020-06-03")));

        // Importing the original list again restores VE day (and lifts the removal).
        await Importer.ImportAsync(data.WriteFile("original.csv", Csv(seed2020)), replaceYear: 2020);
        await data.Services.Get<SeedLoader>().LoadAsync();
        Assert.That((await CalendarAsync()).DueDate(D("2020-05-05")), Is.EqualTo(D("2020-06-04")));
    }

    [Test]
    public async Task ImportingAnExtraHoliday_AddsIt_WithAnyHeaderCase()
    {
        // Fri 29 May 2026 with no June holidays: Mon 1-Fri 5 Jun = 1-5 .. Mon 22-Fri 26 = 16-20 -> Fri 26 Jun.
        // With an extra holiday on Mon 1 Jun: Tue 2-Fri 5 = 1-4, .. Mon 22-Fri 26 = 15-19, Mon 29 Jun = 20.
        Assert.That((await CalendarAsync()).DueDate(D("2026-05-29")), Is.EqualTo(D("2026-06-26")));

        var result = await Importer.ImportAsync(data.WriteFile("extra.csv", "Date,JURISDICTION,Name\n2026-06-01,England-and-Wales,Extra bank holiday\n"));

        Assert.That((result.Added, result.Removed, result.Imported), Is.EqualTo((1, 0, true)));
        Assert.That((await CalendarAsync()).DueDate(D("2026-05-29")), Is.EqualTo(D("2026-06-29")));
        var listed = await data.Services.Get<HolidayCalendarStore>().ListAsync(2026, "england-and-wales");
        Assert.That(listed.Single(h => h.Date == D("2026-06-01")), Is.EqualTo(new HolidayCalendarStore.Entry(D("2026-06-01"), "england-and-wales", "Extra bank holiday", "import")));
    }

    [Test]
    public async Task AMalformedFile_ImportsNothing_AndNamesEachBadLine()
    {
        var before = await CountAsync();
        var path = data.WriteFile("bad.csv", """
            date,jurisdiction,name
            2026-06-01,england-and-wales,Good row
            2026-13-01,scotland,Bad date
            2026-06-02,wales,Unknown jurisdiction
            2026-06-01,england-and-wales,Repeats line 2
            2026-06-03,northern-ireland,
            """);

        var result = await Importer.ImportAsync(path);

        Assert.That(result.Imported, Is.False);
        Assert.That(result.Problems.Select(p => p.Line), Is.EqualTo(new[] { 3, 4, 5, 6 }));
        Assert.That(result.Problems[0].Message, Does.Contain("'2026-13-01' is not a date"));
        Assert.That(result.Problems[1].Message, Does.Contain("unknown jurisdiction 'wales'"));
        Assert.That(result.Problems[2].Message, Does.Contain("repeats line 2"));
        Assert.That(result.Problems[3].Message, Does.Contain("name is empty"));
        Assert.That(await CountAsync(), Is.EqualTo(before));
    }

    [Test]
    public void AFileWithoutTheRequiredColumns_OrWithoutRowsForTheReplaceYear_IsRefused()
    {
        var noJurisdiction = data.WriteFile("cols.csv", "date,name\n2026-06-01,x\n");
        var wrongYear = data.WriteFile("year.csv", "date,jurisdiction,name\n2026-06-01,scotland,x\n");

        var columns = Assert.ThrowsAsync<InvalidInputProblem>(() => Importer.ImportAsync(noJurisdiction));
        var year = Assert.ThrowsAsync<InvalidInputProblem>(() => Importer.ImportAsync(wrongYear, replaceYear: 2025));

        Assert.That(columns!.Message, Does.Contain("line 1: missing column(s) jurisdiction"));
        Assert.That(year!.Message, Does.Contain("no holidays dated 2025").And.Contain("Nothing was changed"));
    }

    private async Task<int> CountAsync()
    {
        await using var connection = await data.Services.Get<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM bank_holidays");
    }

    private static string Csv(IEnumerable<BankHoliday> holidays) =>
        "date,jurisdiction,name\n" + string.Concat(holidays.Select(h => string.Create(CultureInfo.InvariantCulture, $"{h.Date:yyyy-MM-dd},{h.Jurisdiction},\"{h.Name}\"\n")));
}
