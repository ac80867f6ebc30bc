using Microsoft.Extensions.DependencyInjection;

namespace StpCollector.Questionnaires;

internal static class QuestionnairesRegistration
{
    /// <summary>The questionnaires in config/questionnaires, read once.</summary>
    public static IServiceCollection AddQuestionnaires(this IServiceCollection services) =>
        services.AddSingleton<QuestionnaireCatalog>();
}
