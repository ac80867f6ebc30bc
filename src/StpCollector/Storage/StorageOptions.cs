using StpCollector.Hosting;

namespace StpCollector.Storage;

public sealed class StorageOptions : IValidatedOptions
{
    public const string Section = "Storage";

    /// <summary>How long a writer waits for another writer (worker and CLI share the file).</summary>
    public int BusyTimeoutSeconds { get; set; } = 30;

    public IEnumerable<string> Validate(string section)
    {
        if (BusyTimeoutSeconds is < 1 or > 600)
            yield return $"{section}:{nameof(BusyTimeoutSeconds)} must be between 1 and 600 seconds (it is {BusyTimeoutSeconds}).";
    }
}
