using System.Globalization;

namespace StpCollector.Calendar;

/// <summary>
/// The sender's Date: header beside our received time, for staff views. It is only the sender's clock: received time
/// (when the message reached us) decides lateness; a gap of more than a day between the two is worth a word.
/// </summary>
internal static class SenderClock
{
    /// <summary>"dated 3 days before it reached us" when the two are more than a day apart; otherwise null.</summary>
    public static string? Gap(DateTimeOffset received, DateTimeOffset? dated)
    {
        if (dated is not { } date || (received - date).Duration() <= TimeSpan.FromDays(1))
            return null;
        var gap = (received - date).Duration();
        var amount = gap < TimeSpan.FromDays(2)
            ? $"{(int)gap.TotalHours} hours"
            : $"{(int)gap.TotalDays} days";
        return date < received ? $"dated {amount} before it reached us" : $"dated {amount} after it reached us; the sender's clock is ahead";
    }

    /// <summary>"2026-12-15 10:00" London time, with the gap note when there is one; empty when there is no Date: header.</summary>
    public static string Describe(DateTimeOffset received, DateTimeOffset? dated) => dated is not { } date
        ? ""
        : LondonTime.ToLondon(date).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + (Gap(received, date) is { } gap ? $" ({gap})" : "");
}
