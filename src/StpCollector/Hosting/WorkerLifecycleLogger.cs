using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StpCollector.Mail;
using StpCollector.Shared;

namespace StpCollector.Hosting;

/// <summary>Says at start what the worker will do and where, so an operator can check it at a glance.</summary>
internal sealed class WorkerLifecycleLogger(
    SweepRunner runner,
    IOptions<SweepOptions> sweeps,
    AppPaths paths,
    IMailTransport transport,
    IMailbox mailbox,
    IHostApplicationLifetime lifetime,
    ILogger<WorkerLifecycleLogger> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("StpCollector worker starting; data in {DataDir}; mail out via {Transport}; returns from {Mailbox}",
            paths.DataDir, transport.Describe(), mailbox.Describe());
        foreach (var sweep in runner.Registrations)
            logger.LogInformation("Scheduled sweep {Sweep} every {Seconds} s", sweep.Name, sweeps.Value.IntervalFor(sweep));
        // On the stop request itself, not in StopAsync: a stop that comes while the console is still starting skips StopAsync.
        lifetime.ApplicationStopping.Register(() => logger.LogInformation("StpCollector worker stopping"));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
