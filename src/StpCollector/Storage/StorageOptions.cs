using StpCollector.Hosting;

namespace StpCollector.Storage;

public sealed class StorageOptions : IValidatedOptions
{
    public const string Section = "Storage";

    /// <summary>How long a writer waits for another writer (worker and CLI share the file).</summary>
    public int BusyTimeoutSeconds { get; set; } = 30;

    /// <summary>The worker warns (once an hour) when free space on the data folder's disk drops below this and below the percentage.</summary>
    public long LowSpaceWarningMegabytes { get; set; } = 500;

    /// <summary>Free space, as a percentage of the disk, below which (and below the megabytes) the worker warns; 0 turns the percentage off.</summary>
    public double LowSpaceWarningPercent { get; set; } = 5;

    public IEnumerable<string> Validate(string section)
    {
        if (LowSpaceWarningMegabytes < 0)
            yield return $"{section}:{nameof(LowSpaceWarningMegabytes)} must be 0 (no warning) or more (it is {LowSpaceWarningMegabytes}).";
        if (LowSpaceWarningPercent is < 0 or > 100)
            yield return $"{section}:{nameof(LowSpaceWarningPercent)} must be between 0 and 100 (it is {LowSpaceWarningPercent}).";
        if (BusyTimeoutSeconds is < 1 or > 600)
            yield return $"{section}:{nameof(BusyTimeoutSeconds)} must be between 1 and 600 seconds (it is {BusyTimeoutSeconds}).";
    }
}
