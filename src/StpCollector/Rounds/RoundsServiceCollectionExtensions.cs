using Microsoft.Extensions.DependencyInjection;
using StpCollector.Contacts;
using StpCollector.Shared;
using StpCollector.Ingestion;

namespace StpCollector.Rounds;

internal static class RoundsServiceCollectionExtensions
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
        services.AddSingleton<RoundInvitationPreview>();
        services.AddSingleton<RoundReturnStates>();
        services.AddSingleton<RoundProgress>();
        services.AddSingleton<ReceiptWriter>();
        services.AddSingleton<RoundReturnIntake>();
        services.AddSingleton<IInboundHandler, RoundsInboundHandler>();
        services.AddSingleton<RoundFileReturns>();
        services.AddSingleton<IInboundFileHandler>(sp => sp.GetRequiredService<RoundFileReturns>());
        services.AddSingleton<IHeldMessageAssigner, HeldReturnAssigner>();
        services.AddSingleton<BulkImporter>();
        services.AddSingleton<AnswerCorrections>();
        services.AddSingleton<IContactReferences, RoundLeadReferences>();
        services.AddSweep<RoundLifecycleSweep>("RoundLifecycle", defaultIntervalSeconds: 30);
        return services;
    }
}
