using Microsoft.Extensions.DependencyInjection;

namespace StpCollector.Reference;

internal static class ReferenceRegistration
{
    /// <summary>Councils, footprints and the seeds they are loaded from.</summary>
    public static IServiceCollection AddReference(this IServiceCollection services)
    {
        services.AddSingleton<SeedLoader>();
        services.AddSingleton<CouncilDirectory>();
        services.AddSingleton<Audience>();
        return services;
    }
}
