using Microsoft.Extensions.Configuration;
using Quartz;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Hosting;

/// <summary>
/// Where Quartz keeps the sweeps' schedule. On SQLite: in memory, as one worker is the only node. On PostgreSQL: in
/// Quartz's own tables (Jobs/Migrations/PostgreSql/0101), clustered, so that every `stpcollector run` on the database
/// shares the sweeps: each firing is claimed by one node, a sweep never runs on two nodes at once
/// (<see cref="DisallowConcurrentExecutionAttribute"/> on <see cref="SweepJob"/> holds across the cluster), and a node
/// that stops checking in has its firings taken over by another.
/// </summary>
internal static class SweepScheduler
{
    /// <summary>Every node names its scheduler alike: a Quartz cluster is the schedulers of one name on one database.</summary>
    public const string Name = "StpCollector";

    /// <summary>How often a node writes that it is alive (one small update; a few seconds keeps takeover quick).</summary>
    public static readonly TimeSpan CheckinInterval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long past a missed check-in the others wait before taking a node's firings over: past a long garbage
    /// collection or a database fail-over, so a live node is not written off. A dead node's sweeps resume elsewhere
    /// within <see cref="CheckinInterval"/> plus this.
    /// </summary>
    public static readonly TimeSpan CheckinMisfireThreshold = TimeSpan.FromSeconds(15);

    public static void UseStore(IQuartzBuilder quartz, IConfiguration configuration)
    {
        quartz.ConfigureScheduler(o => o.InstanceName = Name);
        // Each start declares every sweep again: what is already stored under the same key is replaced, so the second
        // node to start (or a restart) updates the schedule instead of failing on a job that exists.
        quartz.Services.Configure<QuartzOptions>(o => o.Scheduling.OverwriteExistingData = true);

        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        if (storage.Provider != StorageProvider.PostgreSql)
            return; // Quartz's default, the in-memory store.

        quartz.UsePersistentStore(store =>
        {
            store.UsePostgres(QuartzConnectionString(storage.ConnectionString ?? ""));
            // The one piece of job data is the sweep's name: kept as a readable string, not a serialized object.
            store.ConfigureStore(o => o.StoreJobDataAsStrings = true);
            // The instance id is generated per process (host name and start time), as clustering requires.
            store.UseClustering(c =>
            {
                c.CheckinInterval = CheckinInterval;
                c.CheckinMisfireThreshold = CheckinMisfireThreshold;
            });
        });
    }

    /// <summary>
    /// Npgsql keywords, as Quartz wants them, from either form staff write. One that cannot be read is passed as it is:
    /// the storage settings' check names the problem in words when the worker starts, before Quartz connects.
    /// </summary>
    private static string QuartzConnectionString(string configured)
    {
        try
        {
            return PostgresConnectionString.Parse(configured, $"{StorageOptions.Section}:{nameof(StorageOptions.ConnectionString)}").ConnectionString;
        }
        catch (InvalidInputProblem)
        {
            return configured;
        }
    }
}
