using StpCollector.Shared;

namespace StpCollector.Storage;

internal sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>How long a writer waits for another writer (worker and CLI share the file).</summary>
    public int BusyTimeoutSeconds { get; set; } = 30;

    /// <summary>The worker warns (once an hour) when free space on the data folder's disk drops below this and below the percentage.</summary>
    public long LowSpaceWarningMegabytes { get; set; } = 500;

    /// <summary>Free space, as a percentage of the disk, below which (and below the megabytes) the worker warns; 0 turns the percentage off.</summary>
    public double LowSpaceWarningPercent { get; set; } = 5;

    /// <summary>Every problem in the section, each naming its key.</summary>
    internal sealed class Validator : OptionsValidator<StorageOptions>
    {
        protected override IEnumerable<string> Problems(StorageOptions options)
        {
            if (options.LowSpaceWarningMegabytes < 0)
                yield return $"{Section}:{nameof(LowSpaceWarningMegabytes)} must be 0 (no warning) or more (it is {options.LowSpaceWarningMegabytes}).";
            if (options.LowSpaceWarningPercent is < 0 or > 100)
                yield return $"{Section}:{nameof(LowSpaceWarningPercent)} must be between 0 and 100 (it is {options.LowSpaceWarningPercent}).";
            if (options.BusyTimeoutSeconds is < 1 or > 600)
                yield return $"{Section}:{nameof(BusyTimeoutSeconds)} must be between 1 and 600 seconds (it is {options.BusyTimeoutSeconds}).";
        }
    }
}
