using Microsoft.Extensions.DependencyInjection;
using StpCollector.Shared;

namespace StpCollector.Outbox;

internal static class OutboxServiceCollectionExtensions
{
    /// <summary>The queue every feature writes to, the dispatch sweep, and what staff use to look into the outbox.</summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services)
    {
        services.AddSingleton<OutboxWriter>();
        services.AddValidatedOptions<OutboxOptions, OutboxOptions.Validator>(OutboxOptions.Section);
        services.AddSingleton<OutboxQueue>();
        services.AddSingleton<OutboxBrowser>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSweep<OutboxDispatchSweep>("OutboxDispatch", defaultIntervalSeconds: 5);
        return services;
    }
}
