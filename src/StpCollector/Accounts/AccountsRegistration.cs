using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Shared;

namespace StpCollector.Accounts;

internal static class AccountsRegistration
{
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddValidatedOptions<AccountsOptions, AccountsOptions.Validator>(AccountsOptions.Section);
        services.AddSingleton<PasswordHasher<StaffUser>>();
        services.AddSingleton<PasswordRules>();
        services.AddSingleton<StaffUserStore>();
        services.AddSingleton<StaffSignIn>();
        return services;
    }
}
