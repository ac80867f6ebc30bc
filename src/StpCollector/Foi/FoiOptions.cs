using StpCollector.Shared;

namespace StpCollector.Foi;

/// <summary>Section "Foi".</summary>
internal sealed class FoiOptions
{
    public const string Section = "Foi";

    /// <summary>Send one polite chaser when a request becomes overdue.</summary>
    public bool SendChasers { get; set; } = true;

    /// <summary>Nothing in this section can be wrong.</summary>
    internal sealed class Validator : OptionsValidator<FoiOptions>
    {
        protected override IEnumerable<string> Problems(FoiOptions options) => [];
    }
}
