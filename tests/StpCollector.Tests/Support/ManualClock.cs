using Microsoft.Extensions.DependencyInjection;
using StpCollector.Calendar;

namespace StpCollector.Tests.Support;

/// <summary>A clock that stands still until the test moves it; replaces the host's TimeProvider.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public void Set(DateTimeOffset instant) => now = instant;

    /// <summary>Sets the clock to a London wall-clock time, e.g. Set(2026, 12, 30, 9, 0).</summary>
    public void SetLondon(int year, int month, int day, int hour, int minute = 0, int second = 0) =>
        now = LondonTime.FromLondon(new DateTime(year, month, day, hour, minute, second));

    public Action<IServiceCollection> Install => services => services.AddSingleton<TimeProvider>(this);
}
