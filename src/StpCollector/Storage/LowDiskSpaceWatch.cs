using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StpCollector.Shared;

namespace StpCollector.Storage;

/// <summary>
/// Warns before the disk fills up: free space on the data folder's filesystem below both thresholds
/// (Storage:LowSpaceWarningMegabytes and Storage:LowSpaceWarningPercent, either 0 to turn it off) is logged as a
/// warning at most once an hour, so a worker ticking every few seconds does not fill the very disk it warns about.
/// </summary>
internal sealed class LowDiskSpaceWatch(AppPaths paths, IOptions<StorageOptions> options, TimeProvider clock, ILogger<LowDiskSpaceWatch> logger)
{
    private static readonly TimeSpan WarnEvery = TimeSpan.FromHours(1);
    private readonly Lock gate = new();
    private DateTimeOffset? lastWarned;

    /// <summary>The warning to give now, or null when there is room enough (or the free space cannot be read).</summary>
    public string? Warning()
    {
        var free = DiskSpace.FreeBytes(paths.DataDir);
        var total = DiskSpace.TotalBytes(paths.DataDir);
        if (free is null || total is null or 0)
            return null;
        var megabytes = options.Value.LowSpaceWarningMegabytes;
        var percent = options.Value.LowSpaceWarningPercent;
        if (megabytes == 0 || percent == 0)
            return null;
        var freePercent = 100.0 * free.Value / total.Value;
        if (free.Value >= megabytes * 1024 * 1024 || freePercent >= percent)
            return null;
        var level = string.Create(CultureInfo.InvariantCulture, $"{freePercent:0.#}% of {DiskSpace.Describe(total)}), below the warning level of {megabytes} MB and {percent:0.#}%");
        return $"the disk holding {paths.DataDir} has only {DiskSpace.Describe(free)} free ({level} " +
               "(Storage:LowSpaceWarningMegabytes, Storage:LowSpaceWarningPercent). " +
               "Free some space before it fills up: when it is full, replies wait in the mailbox and nothing can be changed";
    }

    /// <summary>Checks the free space and logs the warning if it is due (at most once an hour).</summary>
    public void CheckEachTick()
    {
        if (Warning() is not { } warning)
            return;
        var now = clock.GetUtcNow();
        lock (gate)
        {
            if (lastWarned is { } last && now - last < WarnEvery)
                return;
            lastWarned = now;
        }

        logger.LogWarning("Low disk space: {Warning}", warning);
    }
}
