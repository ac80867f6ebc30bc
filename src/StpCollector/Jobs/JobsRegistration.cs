using Microsoft.Extensions.DependencyInjection;

namespace StpCollector.Jobs;

internal static class JobsRegistration
{
    /// <summary>The store and queue every front door may use; the runner is added where the console runs.</summary>
    public static IServiceCollection AddBackgroundJobs(this IServiceCollection services) =>
        services.AddSingleton<BackgroundJobStore>().AddSingleton<BackgroundJobQueue>();

    public static IServiceCollection AddBackgroundJobRunner(this IServiceCollection services) =>
        services.AddHostedService<BackgroundJobRunner>();
}
