using Microsoft.Extensions.DependencyInjection;
using StpCollector.Shared;

namespace StpCollector.Reports;

internal static class ReportsRegistration
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddValidatedOptions<ReportOptions, ReportOptions.Validator>(ReportOptions.Section);
        services.AddSingleton<RoundReportBuilder>();
        services.AddSingleton<DashboardFigures>();
        services.AddSingleton<RoundExport>();
        services.AddSingleton<CouncilRecordReader>();
        services.AddSingleton<ReturnDetails>();
        return services;
    }
}
