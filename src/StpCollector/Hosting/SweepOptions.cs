using StpCollector.Shared;

namespace StpCollector.Hosting;

/// <summary>Section "Sweeps": how often each sweep runs, e.g. "Sweeps": { "IntervalSeconds": { "OutboxDispatch": 10 } }.</summary>
internal sealed class SweepOptions
{
    public const string Section = "Sweeps";

    public Dictionary<string, int> IntervalSeconds { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public int IntervalFor(SweepRegistration sweep) =>
        IntervalSeconds.TryGetValue(sweep.Name, out var seconds) ? seconds : sweep.DefaultIntervalSeconds;

    /// <summary>Every problem in the section, each naming its key.</summary>
    internal sealed class Validator : OptionsValidator<SweepOptions>
    {
        protected override IEnumerable<string> Problems(SweepOptions options)
        {
            foreach (var (name, seconds) in options.IntervalSeconds)
                if (seconds is < 1 or > 86400)
                    yield return $"{Section}:{nameof(IntervalSeconds)}:{name} must be between 1 and 86400 seconds (it is {seconds}).";
        }
    }
}
