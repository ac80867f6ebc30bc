using Microsoft.Extensions.DependencyInjection;

namespace StpCollector.Audit;

internal static class AuditRegistration
{
    public static IServiceCollection AddAudit(this IServiceCollection services) => services.AddSingleton<AuditLog>();
}
