namespace StpCollector.Foi;

/// <summary>A day passed over while counting working days, with why it does not count.</summary>
public sealed record SkippedDay(DateOnly Date, string Reason);

/// <summary>
/// How a due date was reached: day 0 is the day of receipt, day 1 the first working day after it.
/// Skipped lists the non-working days between receipt and the due date. Warnings say when the bank holiday
/// list does not cover a year the count ran through, so only weekends, Christmas Day and Good Friday were known.
/// </summary>
public sealed record DueDateExplanation(
    DateOnly Received,
    DateOnly Due,
    int WorkingDays,
    IReadOnlyList<SkippedDay> Skipped,
    IReadOnlyList<string> Warnings);
