using Microsoft.Extensions.DependencyInjection;
using StpCollector.Shared;
using StpCollector.Ingestion;

namespace StpCollector.Bulletins;

internal static class BulletinsRegistration
{
    public static IServiceCollection AddBulletins(this IServiceCollection services)
    {
        services.AddValidatedOptions<BulletinOptions, BulletinOptions.Validator>(BulletinOptions.Section);
        services.AddSingleton<SubscriberStore>();
        services.AddSingleton<OneClickUnsubscribe>();
        services.AddSingleton<SubscriberImporter>();
        services.AddSingleton<FeedbackStore>();
        services.AddSingleton<FeedbackThemes>();
        services.AddSingleton<FeedbackMessages>();
        services.AddSingleton<FeedbackTaker>();
        services.AddSingleton<FeedbackRetention>();
        services.AddSingleton<BulletinSchedule>();
        services.AddSingleton<BulletinEditorial>();
        services.AddSingleton<FaqFiles>();
        services.AddSingleton<FaqStore>();
        services.AddSingleton<FaqDrafter>();
        services.AddSingleton<FaqNotifier>();
        services.AddSingleton<BulletinComposer>();
        services.AddSingleton<BulletinMessages>();
        services.AddSingleton<BulletinArchive>();
        services.AddSingleton<BulletinBrowser>();
        services.AddSingleton<BulletinPublisher>();
        services.AddSingleton<BulletinScheduler>();
        services.AddSingleton<BulletinDrafts>();
        services.AddSingleton<IInboundHandler, BulletinInboundHandler>();
        services.AddSweep<BulletinSweep>("Bulletin", defaultIntervalSeconds: 300);
        return services;
    }
}
