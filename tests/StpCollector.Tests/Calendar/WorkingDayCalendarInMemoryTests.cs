using System.Globalization;
using NUnit.Framework;
using StpCollector.Calendar;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Calendar;

/// <summary>The calendar's own rules, over small in-memory holiday lists (or none at all).</summary>
public class WorkingDayCalendarInMemoryTests
{
    private static readonly WorkingDayCalendar NoList = new([]);

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    // With no holidays in June/July 2026: Fri 5, Sat 6 and Sun 7 Jun all give day 1 = Mon 8 Jun, and day 20 = Fri 3 Jul
    // (Mon 8-Fri 12 = 1-5, 15-19 = 6-10, 22-26 = 11-15, Mon 29 Jun-Fri 3 Jul = 16-20). Mon 8 Jun gives day 1 Tue 9 and day 20 Mon 6 Jul.
    [TestCase("2026-06-05", "2026-06-08", "2026-07-03")]
    [TestCase("2026-06-06", "2026-06-08", "2026-07-03")]
    [TestCase("2026-06-07", "2026-06-08", "2026-07-03")]
    [TestCase("2026-06-08", "2026-06-09", "2026-07-06")]
    public void DayOfReceipt_IsDayZero_EvenAtAWeekend(string received, string dayOne, string dayTwenty)
    {
        Assert.That(NoList.DueDate(D(received), 1), Is.EqualTo(D(dayOne)));
        Assert.That(NoList.DueDate(D(received)), Is.EqualTo(D(dayTwenty)));
        Assert.That(NoList.DueDate(D(received), 0), Is.EqualTo(D(received)));
    }

    [Test]
    public void ChristmasDayAndGoodFriday_AreNeverWorkingDays_EvenWhenTheListLacksThem()
    {
        // 2031: Christmas Day is Thu 25 Dec, so day 1 after Wed 24 is Fri 26 (Boxing Day is only known from the list).
        Assert.That(NoList.DueDate(D("2031-12-24"), 1), Is.EqualTo(D("2031-12-26")));
        // 2040: Easter Sunday is 1 Apr, so Good Friday is Fri 30 Mar; day 1 after Thu 29 Mar is Mon 2 Apr (Easter Monday comes from the list).
        Assert.That(NoList.DueDate(D("2040-03-29"), 1), Is.EqualTo(D("2040-04-02")));
        Assert.That(NoList.NonWorkingReason(D("2040-03-30")), Is.EqualTo("Good Friday"));
        Assert.That(NoList.NonWorkingReason(D("2021-12-25")), Is.EqualTo("Saturday; Christmas Day"));
        Assert.That(NoList.NonWorkingReason(D("2040-04-02")), Is.Null);
    }

    // Easter Sundays from published tables: 1818 and 2285 on the earliest possible day, 22 Mar; 2038 on the latest possible day, 25 Apr.
    [TestCase(1818, "1818-03-20")]
    [TestCase(2008, "2008-03-21")]
    [TestCase(2019, "2019-04-19")]
    [TestCase(2038, "2038-04-23")]
    [TestCase(2285, "2285-03-20")]
    public void GoodFriday_FollowsTheGregorianComputus(int year, string goodFriday) =>
        Assert.That(Easter.GoodFriday(year), Is.EqualTo(D(goodFriday)));

    [Test]
    public void Explain_WarnsForEachYearTheListDoesNotCover()
    {
        var calendar = new WorkingDayCalendar([new BankHoliday(D("2031-01-01"), Jurisdictions.EnglandAndWales, "New Year's Day")]);

        var warnings = calendar.Explain(D("2031-12-18")).Warnings;

        // 2031 has England and Wales entries but none for Scotland or Northern Ireland; 2032 has none at all. Due: Fri 16 Jan 2032.
        Assert.That(warnings, Has.Count.EqualTo(2));
        Assert.That(warnings[0], Does.Contain("no 2031 holidays for northern-ireland, scotland"));
        Assert.That(warnings[1], Does.Contain("no 2032 holidays for england-and-wales, northern-ireland, scotland"));
        Assert.That(WorkingDayCalendar.EnglandAndWales([new BankHoliday(D("2031-01-01"), "england-and-wales", "x")]).Covers(2031), Is.True);
    }

    [Test]
    public void HolidaysOfOtherJurisdictions_DoNotCountInAnEnglandAndWalesCalendar()
    {
        BankHoliday[] list = [new(D("2030-01-01"), "england-and-wales", "New Year's Day"), new(D("2030-01-01"), "scotland", "New Year's Day"),
            new(D("2030-01-02"), "scotland", "2nd January")];

        // Survey closes Thu 3 Jan 2030. England and Wales: 1 working day before is Wed 2 Jan. UK-wide: [Wed 2 (scotland), Tue 1] -> Mon 31 Dec 2029.
        Assert.That(WorkingDayCalendar.EnglandAndWales(list).SubtractWorkingDays(D("2030-01-03"), 1), Is.EqualTo(D("2030-01-02")));
        Assert.That(WorkingDayCalendar.UnitedKingdom(list).SubtractWorkingDays(D("2030-01-03"), 1), Is.EqualTo(D("2029-12-31")));
        Assert.That(WorkingDayCalendar.UnitedKingdom(list).NonWorkingReason(D("2030-01-01")), Is.EqualTo("New Year's Day (england-and-wales, scotland)"));
        Assert.That(WorkingDayCalendar.EnglandAndWales(list).NonWorkingReason(D("2030-01-01")), Is.EqualTo("New Year's Day"));
    }

    [Test]
    public void SubtractWorkingDays_StepsBackOverWeekendsAndHolidays()
    {
        var calendar = WorkingDayCalendar.EnglandAndWales([new BankHoliday(D("2025-05-26"), "england-and-wales", "Spring bank holiday")]);

        // Close Tue 27 May 2025: [Mon 26 holiday, Sun 25, Sat 24], 1 = Fri 23, 2 = Thu 22, 3 = Wed 21.
        Assert.That(calendar.SubtractWorkingDays(D("2025-05-27"), 1), Is.EqualTo(D("2025-05-23")));
        Assert.That(calendar.SubtractWorkingDays(D("2025-05-27"), 3), Is.EqualTo(D("2025-05-21")));
        Assert.That(calendar.AddWorkingDays(D("2025-05-21"), 3), Is.EqualTo(D("2025-05-27")));
    }

    [Test]
    public void WorkingDaysBetween_CountsDaysAfterTheStartUpToTheEnd()
    {
        var calendar = WorkingDayCalendar.UnitedKingdom(RepoFiles.SeedHolidays);
        for (var received = D("2020-01-01"); received < D("2021-01-01"); received = received.AddDays(3))
        {
            Assert.That(calendar.WorkingDaysBetween(received, calendar.DueDate(received)), Is.EqualTo(20), $"received {received}");
            Assert.That(calendar.WorkingDaysBetween(received, calendar.DueDate(received, 40)), Is.EqualTo(40), $"received {received}");
        }

        Assert.That(calendar.WorkingDaysBetween(D("2020-05-05"), D("2020-05-05")), Is.Zero);
        Assert.That(calendar.WorkingDaysBetween(D("2020-05-05"), D("2020-05-01")), Is.Zero);
        Assert.Throws<ArgumentOutOfRangeException>(() => calendar.DueDate(D("2020-05-05"), -1));
        Assert.Throws<ArgumentException>(() => _ = new WorkingDayCalendar([], ["wales"]));
    }
}
