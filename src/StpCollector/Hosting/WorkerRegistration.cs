using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;
using StpCollector.Shared;

namespace StpCollector.Hosting;

internal static class WorkerRegistration
{
    public static JobKey JobKeyFor(string sweep) => new(sweep, "sweeps");

    /// <summary>
    /// Schedules every registered sweep with Quartz: in memory on SQLite (the schedule state lives in our own tables),
    /// in Quartz's clustered store on PostgreSQL (see <see cref="SweepScheduler"/>).
    /// </summary>
    public static IServiceCollection AddWorker(this IServiceCollection services, IConfiguration configuration)
    {
        var sweeps = SweepOrder.Sort(services.SweepRegistrations());
        services.AddSingleton<SweepRunner>();
        services.AddQuartz(quartz =>
        {
            SweepScheduler.UseStore(quartz, configuration);
            foreach (var sweep in sweeps)
            {
                var job = JobKeyFor(sweep.Name);
                quartz.AddJob<SweepJob>(j => j.WithIdentity(job).UsingJobData(SweepJob.SweepKey, sweep.Name));
                quartz.AddTrigger((sp, trigger) => trigger
                    .ForJob(job)
                    .WithIdentity(sweep.Name + "-trigger", "sweeps")
                    .StartNow()
                    .WithSimpleSchedule(s => s
                        .WithInterval(TimeSpan.FromSeconds(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<SweepOptions>>().Value.IntervalFor(sweep)))
                        .RepeatForever()));
            }
        });
        services.AddQuartzHostedService(options =>
        {
            options.WaitForJobsToComplete = true;
            options.AwaitApplicationStarted = true;
        });
        services.AddHostedService<WorkerLifecycleLogger>();
        services.AddSingleton<PendingWakes>();
        services.AddHostedService<SweepWakes>();
        // Sweeps honour cancellation, so a stop request (SIGTERM, Ctrl-C) completes well inside this bound.
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(4));
        return services;
    }
}
