using Microsoft.Extensions.DependencyInjection;

namespace StpCollector.Templates;

internal static class TemplatesRegistration
{
    /// <summary>The Liquid renderer for the editable mail templates in config/templates.</summary>
    public static IServiceCollection AddTemplates(this IServiceCollection services) =>
        services.AddSingleton<TemplateRenderer>();
}
