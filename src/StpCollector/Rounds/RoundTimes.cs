using System.Globalization;
using StpCollector.Calendar;
using StpCollector.Shared;
using StpCollector.Templates;

namespace StpCollector.Rounds;

/// <summary>Reads the times staff type: Europe/London wall clock ("2026-12-01 09:00"), ISO with an offset, or "now".</summary>
internal static class RoundTimes
{
    private static readonly string[] WallClockFormats =
        ["yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss"];

    public static DateTimeOffset Parse(string text, string option, TimeProvider clock)
    {
        var value = text.Trim();
        if (value.Equals("now", StringComparison.OrdinalIgnoreCase))
            return clock.GetUtcNow();
        if (DateTime.TryParseExact(value, WallClockFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wallClock))
            return LondonTime.FromLondon(wallClock);
        if (HasOffset(value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            return instant.ToUniversalTime();
        var hint = DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? $" Give a time of day too, e.g. '{value} 17:00'."
            : "";
        throw new InvalidInputProblem(
            $"{option} '{text}' is not a date and time.{hint} Write London time as yyyy-MM-dd HH:mm (e.g. 2026-12-18 17:00), ISO 8601 with an offset, or 'now'.", field: option.TrimStart('-'));
    }

    /// <summary>"2026-12-18 17:00" in London time, as staff typed it.</summary>
    public static string Show(DateTimeOffset utc) => LondonTime.Short(utc);

    private static bool HasOffset(string value) =>
        value.EndsWith('Z') || value.EndsWith('z') || (value.Length > 6 && value[^6] is '+' or '-' && value[^3] == ':');
}
