using Microsoft.Extensions.Options;
using Quartz;
using StpCollector.Storage;

namespace StpCollector.Bulletins;

/// <summary>A scheduled bulletin: the instant it falls due, and the key that makes it go out at most once.</summary>
internal sealed record BulletinPeriod(DateTimeOffset ScheduledFor)
{
    public string Key => DapperSetup.Format(ScheduledFor);
}

/// <summary>
/// Works out periods from the cron schedule in its time zone (Quartz's CronExpression; Quartz itself only ticks the sweep).
/// The due period is the latest one at or before now that is still within the grace window.
/// </summary>
internal sealed class BulletinSchedule(IOptions<BulletinOptions> options)
{
    private BulletinOptions Options => options.Value;

    private CronExpression Cron() => new(Options.Schedule, Options.Zone);

    public BulletinPeriod? Due(DateTimeOffset now)
    {
        var cron = Cron();
        DateTimeOffset? latest = null;
        for (var t = cron.GetNextValidTimeAfter(now - Grace - TimeSpan.FromSeconds(1)); t is { } fire && fire <= now; t = cron.GetNextValidTimeAfter(fire))
            latest = fire;
        return latest is { } due ? new BulletinPeriod(due.ToUniversalTime()) : null;
    }

    public BulletinPeriod Next(DateTimeOffset now) =>
        new((Cron().GetNextValidTimeAfter(now) ?? throw new InvalidOperationException($"The schedule '{Options.Schedule}' never fires again.")).ToUniversalTime());

    public TimeSpan Grace => TimeSpan.FromHours(Options.GraceHours);
}
