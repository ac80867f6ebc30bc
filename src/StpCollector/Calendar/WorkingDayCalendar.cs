using System.Globalization;

namespace StpCollector.Calendar;

/// <summary>
/// Working days for FOIA s.10 and for "N working days before close" schedules. A working day is any day other than
/// Saturday, Sunday, Christmas Day, Good Friday (always, by the computus, even when the list lacks them) or a bank
/// holiday in any of the calendar's jurisdictions. Immutable and pure: build it from a holiday list (the database's,
/// through HolidayCalendarStore, or an in-memory one in tests) and ask it as often as you like.
/// </summary>
internal sealed class WorkingDayCalendar
{
    private readonly Dictionary<DateOnly, string> holidays;
    private readonly Dictionary<int, HashSet<string>> jurisdictionsByYear;

    /// <param name="holidays">The bank holiday list; rows for other jurisdictions are ignored.</param>
    /// <param name="jurisdictions">Whose bank holidays count; all three UK lists when null (the FOIA definition).</param>
    public WorkingDayCalendar(IEnumerable<BankHoliday> holidays, IEnumerable<string>? jurisdictions = null)
    {
        Jurisdictions = (jurisdictions ?? Calendar.Jurisdictions.All)
            .Select(j => Calendar.Jurisdictions.Normalise(j) ?? throw new ArgumentException($"Unknown jurisdiction '{j}'.", nameof(jurisdictions)))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var relevant = holidays
            .Select(h => h with { Jurisdiction = Calendar.Jurisdictions.Normalise(h.Jurisdiction) ?? h.Jurisdiction })
            .Where(h => Jurisdictions.Contains(h.Jurisdiction))
            .ToList();
        this.holidays = relevant.GroupBy(h => h.Date).ToDictionary(g => g.Key, Describe);
        jurisdictionsByYear = relevant.GroupBy(h => h.Date.Year).ToDictionary(g => g.Key, g => g.Select(h => h.Jurisdiction).ToHashSet());
    }

    /// <summary>The FOIA calendar: a bank holiday in any part of the UK is not a working day.</summary>
    public static WorkingDayCalendar UnitedKingdom(IEnumerable<BankHoliday> holidays) => new(holidays);

    /// <summary>England and Wales only, for schedules of English councils (e.g. survey reminders).</summary>
    public static WorkingDayCalendar EnglandAndWales(IEnumerable<BankHoliday> holidays) => new(holidays, [Calendar.Jurisdictions.EnglandAndWales]);

    public IReadOnlyList<string> Jurisdictions { get; }

    public bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
        && !holidays.ContainsKey(date)
        && !IsChristmasDay(date)
        && !IsGoodFriday(date);

    /// <summary>Why a day is not a working day ("Sunday", "Good Friday", "St Andrew's Day (scotland)"), or null for a working day.</summary>
    public string? NonWorkingReason(DateOnly date)
    {
        var reasons = new List<string>(2);
        if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            reasons.Add(date.DayOfWeek.ToString());
        if (holidays.TryGetValue(date, out var listed))
            reasons.Add(listed);
        else if (IsChristmasDay(date))
            reasons.Add("Christmas Day");
        else if (IsGoodFriday(date))
            reasons.Add("Good Friday");
        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }

    /// <summary>The day a response is due: the <paramref name="workingDays"/>th working day after the day of receipt (day 0).</summary>
    public DateOnly DueDate(DateOnly received, int workingDays = 20) => AddWorkingDays(received, workingDays);

    public DueDateExplanation Explain(DateOnly received, int workingDays = 20)
    {
        var due = DueDate(received, workingDays);
        var skipped = new List<SkippedDay>();
        for (var day = received.AddDays(1); day < due; day = day.AddDays(1))
        {
            if (NonWorkingReason(day) is { } reason)
                skipped.Add(new SkippedDay(day, reason));
        }

        var warnings = Enumerable.Range(received.Year, due.Year - received.Year + 1)
            .Select(CoverageWarning).OfType<string>().ToList();
        return new DueDateExplanation(received, due, workingDays, skipped, warnings);
    }

    /// <summary>The <paramref name="count"/>th working day after <paramref name="from"/> (which itself never counts).</summary>
    public DateOnly AddWorkingDays(DateOnly from, int count) => Step(from, count, +1);

    /// <summary>The <paramref name="count"/>th working day before <paramref name="from"/>: 1 before a Monday close is the Friday before.</summary>
    public DateOnly SubtractWorkingDays(DateOnly from, int count) => Step(from, count, -1);

    /// <summary>Working days after <paramref name="start"/> up to and including <paramref name="end"/>; 0 when end is not after start.</summary>
    public int WorkingDaysBetween(DateOnly start, DateOnly end)
    {
        var count = 0;
        for (var day = start.AddDays(1); day <= end; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
                count++;
        }

        return count;
    }

    /// <summary>True when the holiday list has entries for <paramref name="year"/> in every one of the calendar's jurisdictions.</summary>
    public bool Covers(int year) => MissingJurisdictions(year).Count == 0;

    public string? CoverageWarning(int year)
    {
        var missing = MissingJurisdictions(year);
        if (missing.Count == 0)
            return null;
        return string.Create(CultureInfo.InvariantCulture,
            $"The bank holiday list has no {year} holidays for {string.Join(", ", missing)}, so only weekends, Christmas Day and Good Friday " +
            $"were treated as non-working days in {year}. Add that year's holidays with: stpcollector holidays import FILE.csv");
    }

    private List<string> MissingJurisdictions(int year) =>
        jurisdictionsByYear.TryGetValue(year, out var present) ? Jurisdictions.Where(j => !present.Contains(j)).ToList() : [.. Jurisdictions];

    private DateOnly Step(DateOnly from, int count, int direction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var day = from;
        for (var counted = 0; counted < count;)
        {
            day = day.AddDays(direction);
            if (IsWorkingDay(day))
                counted++;
        }

        return day;
    }

    private string Describe(IEnumerable<BankHoliday> sameDay) =>
        string.Join("; ", sameDay.GroupBy(h => h.Name).Select(byName =>
        {
            var where = byName.Select(h => h.Jurisdiction).Distinct().Order(StringComparer.Ordinal).ToList();
            return where.Count == Jurisdictions.Count ? byName.Key : $"{byName.Key} ({string.Join(", ", where)})";
        }));

    private static bool IsChristmasDay(DateOnly date) => date is { Month: 12, Day: 25 };

    private static bool IsGoodFriday(DateOnly date) => date.Month is 3 or 4 && date == Easter.GoodFriday(date.Year);
}
