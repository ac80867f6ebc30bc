using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StpCollector.Bulletins;
using StpCollector.Calendar;
using StpCollector.Contacts;
using StpCollector.Foi;
using StpCollector.Ingestion;
using StpCollector.Mail;
using StpCollector.Outbox;
using StpCollector.Reference;
using StpCollector.Reports;
using StpCollector.Rounds;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Hosting;

/// <summary>The one place each feature plugs in its services and sweeps.</summary>
internal static class ServiceRegistration
{
    public static IServiceCollection AddStpCollector(this IServiceCollection services)
    {
        services.AddOptions<PathsOptions>().BindConfiguration(PathsOptions.Section);
        services.AddValidatedOptions<ClockOptions, ClockOptions.Validator>(ClockOptions.Section);
        services.AddValidatedOptions<StorageOptions, StorageOptions.Validator>(StorageOptions.Section);
        services.AddValidatedOptions<SweepOptions, SweepOptions.Validator>(SweepOptions.Section);
        services.AddValidatedOptions<MailOptions, MailOptions.Validator>(MailOptions.Section);
        services.AddValidatedOptions<SecurityOptions, SecurityOptions.Validator>(SecurityOptions.Section);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ClockOptions>>().Value.CreateClock());

        services.AddSingleton<Database>();
        services.AddSingleton<Migrator>();
        services.AddSingleton<DatabaseBackup>();
        services.AddSingleton<LowDiskSpaceWatch>();
        services.AddSingleton<SweepRunLog>();
        services.AddSingleton<SeedLoader>();
        services.AddSingleton<CouncilDirectory>();
        services.AddSingleton<ContactImporter>();
        services.AddSingleton<ContactRemover>();
        services.AddSingleton<ContactDirectory>();
        services.AddMailTransports();
        services.AddSingleton<ReplyTokens>();
        services.AddSingleton<Outbox.OutboxWriter>();
        services.AddSingleton<Questionnaires.QuestionnaireCatalog>();
        services.AddSingleton<Templates.TemplateRenderer>();
        services.AddWorkingDayCalendar();
        services.AddSingleton<Audience>();

        // The order of these calls does not matter to the sweeps: run --once takes them in SweepOrder.
        services.AddIngestion();
        services.AddRounds();
        services.AddFoiRequests();
        services.AddReports();
        services.AddBulletins();
        services.AddOutboxDispatch();

        services.AddSweep<DatabaseMaintenanceSweep>("DatabaseMaintenance", defaultIntervalSeconds: 3600);
        return services;
    }
}
