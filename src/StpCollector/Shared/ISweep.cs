using Microsoft.Extensions.DependencyInjection;

namespace StpCollector.Shared;

/// <summary>
/// A recurring job that asks "what is due now?" of the app's own tables and does it idempotently.
/// Quartz only ticks; the state lives in SQLite, so a crash or a restart never loses or repeats work.
/// </summary>
internal interface ISweep
{
    /// <summary>Does what is due and says what that was, in words (the worker logs it; run --once prints it).</summary>
    Task<SweepResult> RunAsync(CancellationToken cancellationToken);
}

/// <summary>
/// What one run of a sweep did, as one line for people: "5 sent, 0 failed". Idle runs are logged only at Debug,
/// so a worker ticking every few seconds does not fill the log with "nothing to do".
/// </summary>
internal sealed record SweepResult(string Summary, bool DidWork)
{
    public static SweepResult Idle(string summary) => new(summary, DidWork: false);

    public static SweepResult Worked(string summary) => new(summary, DidWork: true);
}

internal sealed record SweepRegistration(string Name, Type SweepType, int DefaultIntervalSeconds);

internal static class SweepServiceCollectionExtensions
{
    /// <summary>
    /// Registers a sweep under its name; the worker schedules every registered sweep. The order in which
    /// run --once runs them is the host's (one ordered list of names), not the order of registration.
    /// </summary>
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
