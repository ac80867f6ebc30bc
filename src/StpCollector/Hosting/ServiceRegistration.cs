using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StpCollector.Accounts;
using StpCollector.Audit;
using StpCollector.Bulletins;
using StpCollector.Calendar;
using StpCollector.Contacts;
using StpCollector.Foi;
using StpCollector.Ingestion;
using StpCollector.Jobs;
using StpCollector.Mail;
using StpCollector.Outbox;
using StpCollector.Questionnaires;
using StpCollector.Reference;
using StpCollector.Reports;
using StpCollector.Rounds;
using StpCollector.Shared;
using StpCollector.Storage;
using StpCollector.Templates;

namespace StpCollector.Hosting;

/// <summary>The one place each feature plugs in its services and sweeps.</summary>
internal static class ServiceRegistration
{
    public static IServiceCollection AddStpCollector(this IServiceCollection services)
    {
        services.AddOptions<PathsOptions>().BindConfiguration(PathsOptions.Section);
        services.AddValidatedOptions<ClockOptions, ClockOptions.Validator>(ClockOptions.Section);
        services.AddValidatedOptions<SweepOptions, SweepOptions.Validator>(SweepOptions.Section);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ClockOptions>>().Value.CreateClock());
        services.AddSingleton<SweepRunLog>();
        services.AddSingleton<IWorkerHealth, WorkerHealth>();

        // Each feature registers itself; the host only composes them. The order of these calls does not matter to
        // the sweeps: run --once takes them in SweepOrder.
        services.AddStorage();
        services.AddReference();
        services.AddContacts();
        services.AddWorkingDayCalendar();
        services.AddQuestionnaires();
        services.AddTemplates();
        services.AddMail();
        services.AddOutbox();
        services.AddIngestion();
        services.AddRounds();
        services.AddFoiRequests();
        services.AddReports();
        services.AddBulletins();
        services.AddAccounts();
        services.AddAudit();
        services.AddBackgroundJobs();
        services.AddValidatedOptions<Web.WebOptions, Web.WebOptions.Validator>(Web.WebOptions.Section);
        // The bulletin's one-click unsubscribe link points at the console's public address unless set on its own.
        services.AddOptions<BulletinOptions>().PostConfigure<IOptions<Web.WebOptions>>((bulletins, web) =>
        {
            if (bulletins.UnsubscribeBaseUrl.Length == 0 && web.Value.PublicBaseUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                bulletins.UnsubscribeBaseUrl = web.Value.PublicBaseUrl.TrimEnd('/') + Web.UnsubscribePath.Prefix;
        });

        services.AddSweep<DatabaseMaintenanceSweep>("DatabaseMaintenance", defaultIntervalSeconds: 3600);
        return services;
    }
}
