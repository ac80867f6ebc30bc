using Microsoft.Extensions.DependencyInjection;
using StpCollector.Hosting;

namespace StpCollector.Ingestion;

public static class IngestionServiceCollectionExtensions
{
    public static IServiceCollection AddIngestion(this IServiceCollection services)
    {
        services.AddValidatedOptions<IngestionOptions, IngestionOptions.Validator>(IngestionOptions.Section);
        services.AddSingleton<InboundArchive>();
        services.AddSingleton<ReplyMatcher>();
        services.AddSingleton<BounceRecorder>();
        services.AddSingleton<ReceiptWriter>();
        services.AddSingleton<MailProcessor>();
        services.AddSingleton<FileProcessor>();
        services.AddSingleton<InboundPipeline>();
        services.AddSingleton<HoldingPen>();
        services.AddSingleton<BulkImporter>();
        services.AddSweep<MailboxPollSweep>("MailboxPoll", defaultIntervalSeconds: 60);
        return services;
    }
}
