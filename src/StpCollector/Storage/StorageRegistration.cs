using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StpCollector.Shared;

namespace StpCollector.Storage;

internal static class StorageRegistration
{
    /// <summary>The database every feature shares: connections, migrations, backups and the low-space watch.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddValidatedOptions<StorageOptions, StorageOptions.Validator>(StorageOptions.Section);
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageSecretCheck>();
        services.AddSingleton<Database>();
        services.AddSingleton<Migrator>();
        services.AddSingleton<DatabaseBackup>();
        services.AddSingleton<SharedFiles>();
        services.AddSingleton<Copy.DatabaseCopy>();
        services.AddSingleton<LowDiskSpaceWatch>();
        return services;
    }
}
