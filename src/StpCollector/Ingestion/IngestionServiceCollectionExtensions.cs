using Microsoft.Extensions.DependencyInjection;
using StpCollector.Shared;

namespace StpCollector.Ingestion;

internal static class IngestionServiceCollectionExtensions
{
    public static IServiceCollection AddIngestion(this IServiceCollection services)
    {
        services.AddValidatedOptions<IngestionOptions, IngestionOptions.Validator>(IngestionOptions.Section);
        services.AddSingleton<InboundArchive>();
        services.AddSingleton<Storage.Copy.ISharedFileOwner, ArchivedFileOwner>();
        services.AddSingleton<ReplyMatcher>();
        services.AddSingleton<BounceRecorder>();
        services.AddSingleton<MailProcessor>();
        services.AddSingleton<InboundPipeline>();
        services.AddSingleton<HoldingPen>();
        services.AddSingleton<ArchivedMessages>();
        services.AddSingleton<MailboxReader>();
        services.AddSweep<MailboxPollSweep>(MailboxPollSweep.Name, defaultIntervalSeconds: 60);
        services.AddSweepWakeSource<NewMailWake>();
        return services;
    }
}
