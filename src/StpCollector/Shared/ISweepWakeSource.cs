using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace StpCollector.Shared;

/// <summary>
/// Something that learns sooner than a sweep's interval that the sweep has work: new mail in the returns mailbox, a
/// file in the drop folder. The worker runs each source beside the sweeps and runs the sweep at once when it calls
/// <c>wake</c>; the interval stays, so a watcher that fails or cannot watch costs speed, never a message.
/// </summary>
internal interface ISweepWakeSource
{
    /// <summary>The sweep's registered name (as in Sweeps:IntervalSeconds).</summary>
    string Sweep { get; }

    /// <summary>Watches until cancelled, calling <paramref name="wake"/> whenever work arrives. May throw: the worker logs it and starts the watch again later.</summary>
    Task WatchAsync(Func<CancellationToken, Task> wake, CancellationToken cancellationToken);
}

internal static class SweepWakeSourceRegistration
{
    public static IServiceCollection AddSweepWakeSource<T>(this IServiceCollection services)
        where T : class, ISweepWakeSource
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISweepWakeSource, T>());
        return services;
    }
}
