using StpCollector.Shared;

namespace StpCollector.Hosting;

/// <summary>Section "Sweeps": how often each sweep runs, e.g. "Sweeps": { "IntervalSeconds": { "OutboxDispatch": 10 } }.</summary>
public sealed class SweepOptions : IValidatedOptions
{
    public const string Section = "Sweeps";

    public Dictionary<string, int> IntervalSeconds { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public int IntervalFor(SweepRegistration sweep) =>
        IntervalSeconds.TryGetValue(sweep.Name, out var seconds) ? seconds : sweep.DefaultIntervalSeconds;

    public IEnumerable<string> Validate(string section)
    {
        foreach (var (name, seconds) in IntervalSeconds)
            if (seconds is < 1 or > 86400)
                yield return $"{section}:{nameof(IntervalSeconds)}:{name} must be between 1 and 86400 seconds (it is {seconds}).";
    }
}
