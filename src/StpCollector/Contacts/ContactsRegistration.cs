using Microsoft.Extensions.DependencyInjection;

namespace StpCollector.Contacts;

internal static class ContactsRegistration
{
    /// <summary>Councils' contacts: importing, removing and looking them up.</summary>
    public static IServiceCollection AddContacts(this IServiceCollection services)
    {
        services.AddSingleton<ContactImporter>();
        services.AddSingleton<ContactRemover>();
        services.AddSingleton<ContactDirectory>();
        return services;
    }
}
