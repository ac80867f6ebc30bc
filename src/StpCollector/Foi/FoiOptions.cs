using StpCollector.Hosting;

namespace StpCollector.Foi;

/// <summary>Section "Foi".</summary>
public sealed class FoiOptions : IValidatedOptions
{
    public const string Section = "Foi";

    /// <summary>Send one polite chaser when a request becomes overdue.</summary>
    public bool SendChasers { get; set; } = true;

    public IEnumerable<string> Validate(string section) => [];
}
