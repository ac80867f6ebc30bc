using StpCollector.Calendar;


namespace StpCollector.Rounds;

/// <summary>
/// When each reminder goes: at Rounds:ReminderTime (London) on the day N England-and-Wales working days before the
/// close day, using the shared working-day calendar over the bank_holidays table. A reminder is useful until the end
/// of its own day and never at or after the close; one whose day has passed is skipped, not sent late.
/// </summary>
internal sealed class ReminderSchedule(WorkingDayCalendar calendar, TimeOnly timeOfDay)
{
    public DateOnly DayOf(DateTimeOffset closesAt, int slot) =>
        calendar.SubtractWorkingDays(DateOnly.FromDateTime(LondonTime.ToLondon(closesAt).DateTime), slot);

    public DateTimeOffset DueAt(DateTimeOffset closesAt, int slot) =>
        LondonTime.FromLondon(DayOf(closesAt, slot).ToDateTime(timeOfDay)).ToUniversalTime();

    public DateTimeOffset UsefulUntil(DateTimeOffset closesAt, int slot)
    {
        var endOfDay = LondonTime.FromLondon(DayOf(closesAt, slot).AddDays(1).ToDateTime(TimeOnly.MinValue)).ToUniversalTime();
        return endOfDay < closesAt ? endOfDay : closesAt;
    }
}
