using Microsoft.Extensions.DependencyInjection;

namespace StpCollector.Hosting;

/// <summary>
/// A recurring job that asks "what is due now?" of the app's own tables and does it idempotently.
/// Quartz only ticks; the state lives in SQLite, so a crash or a restart never loses or repeats work.
/// </summary>
public interface ISweep
{
    Task RunAsync(CancellationToken cancellationToken);
}

public sealed record SweepRegistration(string Name, Type SweepType, int DefaultIntervalSeconds);

public static class SweepServiceCollectionExtensions
{
    /// <summary>Registers a sweep; the worker schedules every registered sweep, in registration order for run --once.</summary>
    public static IServiceCollection AddSweep<T>(this IServiceCollection services, string name, int defaultIntervalSeconds)
        where T : class, ISweep
    {
        services.AddSingleton<T>();
        services.AddSingleton(new SweepRegistration(name, typeof(T), defaultIntervalSeconds));
        return services;
    }

    public static IReadOnlyList<SweepRegistration> SweepRegistrations(this IServiceCollection services) =>
        services.Where(d => d.ServiceType == typeof(SweepRegistration))
            .Select(d => (SweepRegistration)d.ImplementationInstance!)
            .ToList();
}
