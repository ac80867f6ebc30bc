using Microsoft.Extensions.DependencyInjection;
using StpCollector.Jobs;

namespace StpCollector.Contacts;

internal static class ContactsRegistration
{
    /// <summary>Councils' contacts: importing (also from the console's uploads), editing, removing and looking them up.</summary>
    public static IServiceCollection AddContacts(this IServiceCollection services)
    {
        services.AddSingleton<ContactImporter>();
        services.AddSingleton<ContactRemover>();
        services.AddSingleton<ContactDirectory>();
        services.AddSingleton<ContactBook>();
        services.AddSingleton<PendingUploads>();
        services.AddSingleton<IBackgroundJobHandler, ContactImportJob>();
        return services;
    }
}
