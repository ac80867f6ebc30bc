using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StpCollector.Shared;

namespace StpCollector.Hosting;

/// <summary>What happened to one sweep: its summary, or that it failed or was stopped.</summary>
internal sealed record SweepReport(string Sweep, bool Succeeded, string Summary)
{
    public string Line => $"{Sweep}: {Summary}";
}

/// <summary>Runs one sweep and contains its failures: a sweep that throws is logged and tried again next tick.</summary>
internal sealed class SweepRunner(IServiceProvider services, IEnumerable<SweepRegistration> registrations, ILogger<SweepRunner> logger)
{
    public IReadOnlyList<SweepRegistration> Registrations { get; } = SweepOrder.Sort(registrations);

    public async Task<SweepReport> RunAsync(string name, CancellationToken cancellationToken)
    {
        services.GetRequiredService<Storage.LowDiskSpaceWatch>().CheckEachTick();
        var report = await RunSweepAsync(name, cancellationToken);
        await services.GetRequiredService<SweepRunLog>().RecordAsync(report, CancellationToken.None);
        return report;
    }

    private async Task<SweepReport> RunSweepAsync(string name, CancellationToken cancellationToken)
    {
        var registration = Registrations.Single(r => r.Name == name);
        var sweep = (ISweep)services.GetRequiredService(registration.SweepType);
        var watch = Stopwatch.StartNew();
        try
        {
            var result = await sweep.RunAsync(cancellationToken);
            logger.Log(result.DidWork ? LogLevel.Information : LogLevel.Debug,
                "Sweep {Sweep}: {Summary} ({Elapsed} ms)", name, result.Summary, watch.ElapsedMilliseconds);
            return new SweepReport(name, true, result.Summary);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("Sweep {Sweep} stopped because the worker is shutting down", name);
            return new SweepReport(name, false, "stopped before it finished (the worker is shutting down)");
        }
        catch (Exception e) when (Shared.DiskSpace.IsDiskFull(e))
        {
            // A known condition, not a bug: no stack trace, and the sweep simply runs again at its next tick.
            var full = e is Ingestion.DiskFullWhileReadingException ? e.Message : Shared.DiskSpace.FullSummary(services.GetRequiredService<AppPaths>().DataDir);
            logger.LogWarning("Sweep {Sweep} could not finish: {Problem}; it will run again at its next tick", name, full);
            return new SweepReport(name, false, $"FAILED: {full}; it runs again at its next tick");
        }
        catch (Exception e)
        {
            logger.LogError(e, "Sweep {Sweep} failed after {Elapsed} ms; it will run again at its next tick", name, watch.ElapsedMilliseconds);
            return new SweepReport(name, false, $"FAILED: {e.Message} (details in the log)");
        }
    }

    public async Task<bool> RunAllOnceAsync(CancellationToken cancellationToken) =>
        (await RunOnceAsync([], cancellationToken)).All(r => r.Succeeded);

    /// <summary>Runs the named sweeps (all when none are named) once each, in <see cref="SweepOrder"/>.</summary>
    public async Task<IReadOnlyList<SweepReport>> RunOnceAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        var unknown = names.Where(n => !Registrations.Any(r => string.Equals(r.Name, n, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
        {
            throw new NotFoundProblem(
                $"No sweep named {string.Join(", ", unknown)}. The sweeps are: {string.Join(", ", Registrations.Select(r => r.Name))}.", field: "sweep");
        }

        var reports = new List<SweepReport>();
        foreach (var registration in Registrations.Where(r => names.Count == 0 || names.Contains(r.Name, StringComparer.OrdinalIgnoreCase)))
            reports.Add(await RunAsync(registration.Name, cancellationToken));
        return reports;
    }
}
