using Microsoft.Extensions.DependencyInjection;
using StpCollector.Hosting;

namespace StpCollector.Rounds;

public static class RoundsServiceCollectionExtensions
{
    public static IServiceCollection AddRounds(this IServiceCollection services)
    {
        services.AddValidatedOptions<RoundsOptions, RoundsOptions.Validator>(RoundsOptions.Section);
        services.AddSingleton<RoundCreator>();
        services.AddSingleton<RoundChanges>();
        services.AddSingleton<RoundQueries>();
        services.AddSingleton<RoundMailBuilder>();
        services.AddSingleton<RoundOpener>();
        services.AddSingleton<RoundClosing>();
        services.AddSingleton<RoundReminderSender>();
        services.AddSingleton<RoundChaser>();
        services.AddSingleton<RoundReturnStates>();
        services.AddSweep<RoundLifecycleSweep>("RoundLifecycle", defaultIntervalSeconds: 30);
        return services;
    }
}
