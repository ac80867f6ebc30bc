using Microsoft.Extensions.DependencyInjection;
using StpCollector.Shared;

namespace StpCollector.Outbox;

internal static class OutboxServiceCollectionExtensions
{
    /// <summary>The dispatch sweep and what staff use to look into the outbox. OutboxWriter is registered with the core.</summary>
    public static IServiceCollection AddOutboxDispatch(this IServiceCollection services)
    {
        services.AddValidatedOptions<OutboxOptions, OutboxOptions.Validator>(OutboxOptions.Section);
        services.AddSingleton<OutboxQueue>();
        services.AddSingleton<OutboxBrowser>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSweep<OutboxDispatchSweep>("OutboxDispatch", defaultIntervalSeconds: 5);
        return services;
    }
}
