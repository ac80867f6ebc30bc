using System.Globalization;
using NUnit.Framework;
using StpCollector.Calendar;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Calendar;

/// <summary>
/// FOIA s.10 due dates over the real seeds/bank-holidays.csv. Day 0 is the day of receipt; day 1 the first working
/// day after it; a bank holiday in any part of the UK is not a working day. Every expected date is counted by hand
/// in the comment beside it ([..] = skipped).
/// </summary>
public class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Uk = WorkingDayCalendar.UnitedKingdom(RepoFiles.SeedHolidays);
    private static readonly WorkingDayCalendar EnglandAndWales = WorkingDayCalendar.EnglandAndWales(RepoFiles.SeedHolidays);

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    // Christmas 2021 on Sat, Boxing Day Sun -> substitutes Mon 27 and Tue 28; New Year 2022 on Sat -> Mon 3 Jan; Scotland's 2 Jan (Sun) -> Tue 4 Jan.
    // Fri 17 Dec: 1 Mon 20 .. 5 Fri 24, [Sat 25, Sun 26, Mon 27, Tue 28], 6 Wed 29, 7 Thu 30, 8 Fri 31, [Sat 1, Sun 2, Mon 3, Tue 4 (scotland)],
    // 9 Wed 5, 10 Thu 6, 11 Fri 7, 12-16 Mon 10-Fri 14, 17 Mon 17, 18 Tue 18, 19 Wed 19, 20 Thu 20 Jan 2022.
    [TestCase("2021-12-17", "2022-01-20", TestName = "Christmas and Boxing Day on a weekend (2021 substitutes, Scotland's 4 Jan)")]
    // Christmas 2022 on Sun -> Boxing Day Mon 26, Christmas substitute Tue 27; 2023: New Year substitute Mon 2 Jan, Scotland's Tue 3 Jan.
    // Fri 23 Dec: [Sat 24, Sun 25, Mon 26, Tue 27], 1 Wed 28, 2 Thu 29, 3 Fri 30, [Sat 31, Sun 1, Mon 2, Tue 3], 4 Wed 4, 5 Thu 5, 6 Fri 6,
    // 7-11 Mon 9-Fri 13, 12-16 Mon 16-Fri 20, 17 Mon 23, 18 Tue 24, 19 Wed 25, 20 Thu 26 Jan 2023.
    [TestCase("2022-12-23", "2023-01-26", TestName = "Christmas on a Sunday (2022 substitute on Tue 27)")]
    // Easter 2024: Good Friday 29 Mar, Easter Monday 1 Apr. Thu 28 Mar: [Fri 29, Sat 30, Sun 31, Mon 1], 1 Tue 2 .. 4 Fri 5,
    // 5-9 Mon 8-Fri 12, 10-14 Mon 15-Fri 19, 15-19 Mon 22-Fri 26, 20 Mon 29 Apr.
    [TestCase("2024-03-28", "2024-04-29", TestName = "Easter: Good Friday and Easter Monday")]
    // Scotland-only 2 Jan 2024 (Tue). Fri 29 Dec 2023: [Sat 30, Sun 31, Mon 1, Tue 2 (scotland)], 1 Wed 3, 2 Thu 4, 3 Fri 5,
    // 4-8 Mon 8-Fri 12, 9-13 Mon 15-Fri 19, 14-18 Mon 22-Fri 26, 19 Mon 29, 20 Tue 30 Jan.
    [TestCase("2023-12-29", "2024-01-30", TestName = "Scotland only: 2 January")]
    // St Andrew's Day 2025 on Sun -> substitute Mon 1 Dec (scotland). Fri 28 Nov: [Sat 29, Sun 30, Mon 1], 1 Tue 2 .. 4 Fri 5,
    // 5-9 Mon 8-Fri 12, 10-14 Mon 15-Fri 19, 15 Mon 22, 16 Tue 23, 17 Wed 24, [Thu 25, Fri 26, Sat 27, Sun 28], 18 Mon 29, 19 Tue 30, 20 Wed 31 Dec.
    [TestCase("2025-11-28", "2025-12-31", TestName = "Scotland only: St Andrew's Day substitute")]
    // St Patrick's Day Mon 17 Mar 2025 (northern-ireland). Fri 14 Mar: [Sat 15, Sun 16, Mon 17], 1 Tue 18 .. 4 Fri 21, 5-9 Mon 24-Fri 28,
    // 10-14 Mon 31-Fri 4 Apr, 15-19 Mon 7-Fri 11, 20 Mon 14 Apr (Good Friday is 18 Apr, after).
    [TestCase("2025-03-14", "2025-04-14", TestName = "Northern Ireland only: St Patrick's Day")]
    // Wed 12 Jul 2023 (northern-ireland) and Scotland's summer holiday Mon 7 Aug. Mon 10 Jul: 1 Tue 11, [Wed 12], 2 Thu 13, 3 Fri 14,
    // 4-8 Mon 17-Fri 21, 9-13 Mon 24-Fri 28, 14 Mon 31, 15-18 Tue 1-Fri 4 Aug, [Sat 5, Sun 6, Mon 7], 19 Tue 8, 20 Wed 9 Aug.
    [TestCase("2023-07-10", "2023-08-09", TestName = "Northern Ireland's 12 July and Scotland's first Monday of August")]
    // 2022: Spring holiday moved to Thu 2 Jun, Platinum Jubilee Fri 3 Jun (Mon 30 May is a working day). Fri 27 May: 1 Mon 30, 2 Tue 31,
    // 3 Wed 1, [Thu 2, Fri 3, Sat 4, Sun 5], 4-8 Mon 6-Fri 10, 9-13 Mon 13-Fri 17, 14-18 Mon 20-Fri 24, 19 Mon 27, 20 Tue 28 Jun.
    [TestCase("2022-05-27", "2022-06-28", TestName = "2022 one-off: Spring holiday and Platinum Jubilee 2 and 3 June")]
    // State Funeral Mon 19 Sep 2022. Thu 15 Sep: 1 Fri 16, [Sat 17, Sun 18, Mon 19], 2 Tue 20 .. 5 Fri 23, 6-10 Mon 26-Fri 30,
    // 11-15 Mon 3-Fri 7 Oct, 16-20 Mon 10-Fri 14 Oct.
    [TestCase("2022-09-15", "2022-10-14", TestName = "2022 one-off: State Funeral 19 September")]
    // 2020: the early May holiday moved from Mon 4 May to Fri 8 May (VE day); Spring holiday Mon 25 May. Tue 5 May: 1 Wed 6, 2 Thu 7, [Fri 8],
    // 3-7 Mon 11-Fri 15, 8-12 Mon 18-Fri 22, [Mon 25], 13-16 Tue 26-Fri 29, 17 Mon 1 Jun, 18 Tue 2, 19 Wed 3, 20 Thu 4 Jun.
    [TestCase("2020-05-05", "2020-06-04", TestName = "2020: VE day moved the early May holiday to Friday 8 May")]
    // Fri 1 May 2020: 1 Mon 4 (a working day that year), 2 Tue 5, 3 Wed 6, 4 Thu 7, [Fri 8], 5-9 Mon 11-Fri 15, 10-14 Mon 18-Fri 22,
    // [Mon 25], 15-18 Tue 26-Fri 29, 19 Mon 1 Jun, 20 Tue 2 Jun.
    [TestCase("2020-05-01", "2020-06-02", TestName = "2020: Monday 4 May was a working day")]
    // Received Sat 7 Mar 2026 (day 0 is the Saturday): 1 Mon 9 .. 6 Mon 16, [Tue 17 (northern-ireland)], 7 Wed 18 .. 9 Fri 20,
    // 10-14 Mon 23-Fri 27, 15 Mon 30, 16 Tue 31, 17 Wed 1 Apr, 18 Thu 2, [Fri 3 Good Friday .. Mon 6 Easter Monday], 19 Tue 7, 20 Wed 8 Apr.
    [TestCase("2026-03-07", "2026-04-08", TestName = "Received on a Saturday: day 1 is Monday")]
    // Received Mon 25 Aug 2025, the summer bank holiday (england-and-wales, northern-ireland): day 0 all the same; 1 Tue 26 .. 4 Fri 29,
    // 5-9 Mon 1-Fri 5 Sep, 10-14 Mon 8-Fri 12, 15-19 Mon 15-Fri 19, 20 Mon 22 Sep.
    [TestCase("2025-08-25", "2025-09-22", TestName = "Received on a bank holiday: it is still day 0")]
    // Fri 22 Aug 2025: [Sat 23, Sun 24, Mon 25], 1 Tue 26 ... the same count as above: 20 Mon 22 Sep.
    [TestCase("2025-08-22", "2025-09-22", TestName = "Received the Friday before that bank holiday: same due date")]
    // Received on Christmas Day, Fri 25 Dec 2026: [Sat 26, Sun 27, Mon 28 Boxing Day substitute], 1 Tue 29, 2 Wed 30, 3 Thu 31,
    // [Fri 1, Sat 2, Sun 3, Mon 4 (scotland)], 4 Tue 5 .. 7 Fri 8, 8-12 Mon 11-Fri 15, 13-17 Mon 18-Fri 22, 18 Mon 25, 19 Tue 26, 20 Wed 27 Jan 2027.
    [TestCase("2026-12-25", "2027-01-27", TestName = "Received on Christmas Day")]
    public void DueDate_IsTheTwentiethWorkingDayAfterReceipt(string received, string expected) =>
        Assert.That(Uk.DueDate(D(received)), Is.EqualTo(D(expected)));

    // Same counts without the Scottish and Northern Irish days: 2021-12-17 loses Tue 4 Jan -> Wed 19 Jan; 2023-07-10 loses Wed 12 Jul and
    // Mon 7 Aug -> 1 Tue 11, 2 Wed 12 .. 15 Mon 31, 16-19 Tue 1-Fri 4 Aug, 20 Mon 7 Aug; 2025-03-14 loses Mon 17 Mar -> Fri 11 Apr.
    [TestCase("2021-12-17", "2022-01-19")]
    [TestCase("2023-07-10", "2023-08-07")]
    [TestCase("2025-03-14", "2025-04-11")]
    public void EnglandAndWalesCalendar_CountsOnlyEnglishAndWelshHolidays(string received, string expected) =>
        Assert.That(EnglandAndWales.DueDate(D(received)), Is.EqualTo(D(expected)));

    [Test]
    public void Explain_ListsEachSkippedDayWithItsReason()
    {
        var explanation = Uk.Explain(D("2021-12-17"));

        Assert.That(explanation.Due, Is.EqualTo(D("2022-01-20")));
        Assert.That(explanation.Warnings, Is.Empty);
        Assert.That(explanation.Skipped.Take(8), Is.EqualTo(new[]
        {
            new SkippedDay(D("2021-12-18"), "Saturday"),
            new SkippedDay(D("2021-12-19"), "Sunday"),
            new SkippedDay(D("2021-12-25"), "Saturday; Christmas Day"),
            new SkippedDay(D("2021-12-26"), "Sunday"),
            new SkippedDay(D("2021-12-27"), "Christmas Day (substitute day)"),
            new SkippedDay(D("2021-12-28"), "Boxing Day (substitute day)"),
            new SkippedDay(D("2022-01-01"), "Saturday"),
            new SkippedDay(D("2022-01-02"), "Sunday"),
        }));
        Assert.That(explanation.Skipped.Skip(8).Take(2), Is.EqualTo(new[]
        {
            new SkippedDay(D("2022-01-03"), "New Year's Day (substitute day)"),
            new SkippedDay(D("2022-01-04"), "2nd January (substitute day) (scotland)"),
        }));
    }

    [TestCase("2025-12-01", "St Andrew's Day (substitute day) (scotland)")]
    [TestCase("2024-04-01", "Easter Monday (england-and-wales, northern-ireland)")]
    [TestCase("2023-01-02", "New Year's Day (substitute day) (england-and-wales, northern-ireland); 2nd January (scotland)")]
    [TestCase("2022-09-19", "Bank Holiday for the State Funeral of Queen Elizabeth II")]
    [TestCase("2022-06-02", "Spring bank holiday")]
    public void NonWorkingReason_NamesTheHolidayAndWhereItIsKept(string date, string reason) =>
        Assert.That(Uk.NonWorkingReason(D(date)), Is.EqualTo(reason));

    [Test]
    public void SeedList_CoversEveryYearFrom2016To2030_AndItsGoodFridaysMatchTheComputus()
    {
        Assert.That(Enumerable.Range(2016, 15).Where(y => !Uk.Covers(y)), Is.Empty);
        var listedGoodFridays = RepoFiles.SeedHolidays.Where(h => h.Name == "Good Friday").Select(h => h.Date).Distinct();
        Assert.That(listedGoodFridays, Is.EqualTo(Enumerable.Range(2016, 15).Select(Easter.GoodFriday)));
    }
}
