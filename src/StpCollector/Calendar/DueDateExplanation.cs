using System.Globalization;

namespace StpCollector.Calendar;

/// <summary>A day passed over while counting working days, with why it does not count.</summary>
internal sealed record SkippedDay(DateOnly Date, string Reason);

/// <summary>
/// How a due date was reached: day 0 is the day of receipt, day 1 the first working day after it.
/// Skipped lists the non-working days between receipt and the due date. Warnings say when the bank holiday
/// list does not cover a year the count ran through, so only weekends, Christmas Day and Good Friday were known.
/// </summary>
internal sealed record DueDateExplanation(
    DateOnly Received,
    DateOnly Due,
    int WorkingDays,
    IReadOnlyList<SkippedDay> Skipped,
    IReadOnlyList<string> Warnings)
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>The reckoning as people read it: the due date, then each day not counted and why.</summary>
    public IEnumerable<string> Lines()
    {
        yield return $"Due: {Due.ToString("dddd d MMMM yyyy", English)} ({Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}), " +
            $"{WorkingDays} working day{(WorkingDays == 1 ? "" : "s")} after receipt on {Received.ToString("dddd d MMMM yyyy", English)}.";
        if (Skipped.Count == 0)
        {
            yield return "No day in between was skipped.";
            yield break;
        }

        yield return $"Not counted ({Skipped.Count} day{(Skipped.Count == 1 ? "" : "s")}):";
        foreach (var day in Skipped)
        {
            // A weekend day's reason is its own name; say "weekend" rather than "Sat ... Saturday".
            var why = day.Reason == day.Date.DayOfWeek.ToString() ? "weekend" : day.Reason;
            yield return $"  {day.Date.ToString("ddd d MMM yyyy", English),-15}  {why}";
        }
    }
}
