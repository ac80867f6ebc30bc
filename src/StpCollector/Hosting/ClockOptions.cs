using StpCollector.Shared;
using System.Globalization;

namespace StpCollector.Hosting;

/// <summary>
/// Section "Clock". Now, when set (ISO 8601), starts the clock at that instant and lets it run on from there:
/// used by end-to-end tests and by staff rehearsing a schedule. Leave it empty in production.
/// </summary>
internal sealed class ClockOptions
{
    public const string Section = "Clock";

    public string Now { get; set; } = "";

    /// <summary>Every problem in the section, each naming its key.</summary>
    internal sealed class Validator : OptionsValidator<ClockOptions>
    {
        protected override IEnumerable<string> Problems(ClockOptions options)
        {
            if (options.Now.Length > 0 && !DateTimeOffset.TryParse(options.Now, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
                yield return $"{Section}:{nameof(Now)} '{options.Now}' is not a date and time (use e.g. 2026-11-23T09:00:00Z).";
        }
    }

    public TimeProvider CreateClock() => Now.Length == 0
        ? TimeProvider.System
        : new ShiftedClock(DateTimeOffset.Parse(Now, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) - TimeProvider.System.GetUtcNow());

    private sealed class ShiftedClock(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
    }
}
