using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StpCollector.Hosting;

/// <summary>Runs one sweep and contains its failures: a sweep that throws is logged and tried again next tick.</summary>
public sealed class SweepRunner(IServiceProvider services, IEnumerable<SweepRegistration> registrations, ILogger<SweepRunner> logger)
{
    public IReadOnlyList<SweepRegistration> Registrations { get; } = registrations.ToList();

    public async Task<bool> RunAsync(string name, CancellationToken cancellationToken)
    {
        var registration = Registrations.Single(r => r.Name == name);
        var sweep = (ISweep)services.GetRequiredService(registration.SweepType);
        var watch = Stopwatch.StartNew();
        try
        {
            await sweep.RunAsync(cancellationToken);
            logger.LogDebug("Sweep {Sweep} finished in {Elapsed} ms", name, watch.ElapsedMilliseconds);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("Sweep {Sweep} stopped because the worker is shutting down", name);
            return false;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Sweep {Sweep} failed after {Elapsed} ms; it will run again at its next tick", name, watch.ElapsedMilliseconds);
            return false;
        }
    }

    public Task<bool> RunAllOnceAsync(CancellationToken cancellationToken) => RunOnceAsync([], cancellationToken);

    /// <summary>Runs the named sweeps (all when none are named) once each, in registration order.</summary>
    public async Task<bool> RunOnceAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        var unknown = names.Where(n => !Registrations.Any(r => string.Equals(r.Name, n, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
        {
            throw new Cli.UserFacingException(
                $"No sweep named {string.Join(", ", unknown)}. The sweeps are: {string.Join(", ", Registrations.Select(r => r.Name))}.", Cli.ExitCodes.Usage);
        }

        var allSucceeded = true;
        foreach (var registration in Registrations.Where(r => names.Count == 0 || names.Contains(r.Name, StringComparer.OrdinalIgnoreCase)))
            allSucceeded &= await RunAsync(registration.Name, cancellationToken);
        return allSucceeded;
    }
}
