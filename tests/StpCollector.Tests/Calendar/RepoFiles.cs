using NUnit.Framework;
using StpCollector.Calendar;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Calendar;

/// <summary>Files of the repository itself, found by walking up from the test output folder to StpCollector.sln.</summary>
internal static class RepoFiles
{
    private static readonly Lazy<IReadOnlyList<BankHoliday>> Seeds = new(ReadSeedHolidays);

    public static string Root => Support.RepoPaths.Root;

    public static string SeedHolidaysCsv => Path.Combine(Root, "seeds", "bank-holidays.csv");

    /// <summary>seeds/bank-holidays.csv as the app reads it (through HolidayFile); fails the test if the file is invalid.</summary>
    public static IReadOnlyList<BankHoliday> SeedHolidays => Seeds.Value;

    private static IReadOnlyList<BankHoliday> ReadSeedHolidays()
    {
        var file = HolidayFile.Read(SeedHolidaysCsv);
        Assert.That(file.Problems, Is.Empty, $"{SeedHolidaysCsv} has problems");
        return file.Holidays;
    }
}
