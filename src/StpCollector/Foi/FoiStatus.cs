using StpCollector.Calendar;

namespace StpCollector.Foi;

/// <summary>
/// A request's status as staff see it. The stored state says what the council did; overdue and very overdue are
/// worked out from the statutory due dates each time, so correcting the holiday list moves them.
/// </summary>
internal static class FoiStatus
{
    public const string Queued = "queued";
    public const string Awaiting = "awaiting_response";
    public const string Acknowledged = "acknowledged";
    public const string Clarification = "clarification_requested";
    public const string Partial = "partially_answered";
    public const string Answered = "answered";
    public const string Refused = "refused";
    public const string Withdrawn = "withdrawn";
    public const string Overdue = "overdue";
    public const string VeryOverdue = "very_overdue";

    public static readonly IReadOnlyList<string> Stored = [Awaiting, Acknowledged, Clarification, Partial, Answered, Refused, Withdrawn];

    public static readonly IReadOnlyList<string> All = [Queued, .. Stored, Overdue, VeryOverdue];

    /// <summary>Only requests still waiting for the council's answer can become overdue.</summary>
    public static bool StillWaiting(string stored) => stored is Awaiting or Acknowledged;

    public static string Effective(string stored, DateOnly? received, DateOnly today, WorkingDayCalendar calendar)
    {
        if (!StillWaiting(stored))
            return stored;
        if (received is not { } day)
            return Queued;
        if (today > calendar.DueDate(day, 40))
            return VeryOverdue;
        return today > calendar.DueDate(day) ? Overdue : stored;
    }
}
