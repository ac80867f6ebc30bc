using Microsoft.Extensions.DependencyInjection;
using StpCollector.Shared;
using StpCollector.Ingestion;

namespace StpCollector.Foi;

internal static class FoiServiceCollectionExtensions
{
    /// <summary>FoI requests: sending, statutory dates, chasers and the handling of councils' replies.</summary>
    public static IServiceCollection AddFoiRequests(this IServiceCollection services)
    {
        services.AddValidatedOptions<FoiOptions, FoiOptions.Validator>(FoiOptions.Section);
        services.AddSingleton<FoiRequestWriter>();
        services.AddSingleton<FoiRequestStore>();
        services.AddSingleton<FoiReturnReader>();
        services.AddSingleton<FoiReplyDocuments>();
        services.AddSingleton<FoiAnswerCoder>();
        services.AddSingleton<FoiClassifier>();
        services.AddSingleton<FoiDocumentStore>();
        services.AddSingleton<Storage.Copy.ISharedFileOwner, FoiDocumentFileOwner>();
        services.AddSingleton<FoiChaser>();
        services.AddSingleton<FoiInboundHandler>();
        services.AddSingleton<IInboundHandler>(sp => sp.GetRequiredService<FoiInboundHandler>());
        services.AddSweep<FoiChaserSweep>("FoiChasers", defaultIntervalSeconds: 300);
        return services;
    }
}
