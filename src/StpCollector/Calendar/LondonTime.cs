using System.Globalization;

namespace StpCollector.Calendar;

/// <summary>Every schedule and every date people read is Europe/London wall-clock time; storage is UTC.</summary>
internal static class LondonTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateTimeOffset ToLondon(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Zone);

    /// <summary>Interprets a wall-clock time in London (BST or GMT as it falls) and returns the instant.</summary>
    public static DateTimeOffset FromLondon(DateTime wallClock)
    {
        var unspecified = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(unspecified))
            unspecified = unspecified.AddHours(1); // the hour skipped when clocks go forward
        return new DateTimeOffset(unspecified, Zone.GetUtcOffset(unspecified));
    }

    /// <summary>"Friday 18 December 2026, 17:00" — how deadlines are written to councils.</summary>
    public static string Describe(DateTimeOffset utc) =>
        ToLondon(utc).ToString("dddd d MMMM yyyy, HH:mm", CultureInfo.GetCultureInfo("en-GB"));

    /// <summary>
    /// "2026-12-01 09:00": the one short form tables and text views use for an instant, London wall clock, written
    /// the way staff type times (--opens, --closes). Exports and --json keep ISO 8601 with an offset instead.
    /// </summary>
    public static string Short(DateTimeOffset utc) => ToLondon(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The short form of a timestamp as stored (UTC text); null or empty stays empty.</summary>
    public static string Short(string? storedUtc) => string.IsNullOrEmpty(storedUtc)
        ? ""
        : Short(DateTimeOffset.Parse(storedUtc, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(ToLondon(clock.GetUtcNow()).DateTime);
}
