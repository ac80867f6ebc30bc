using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace StpCollector.Shared;

/// <summary>How every feature registers its settings: bound from its section, checked whole, validated at start.</summary>
internal static class ValidatedOptions
{
    /// <summary>
    /// Binds a section, checks it with <typeparamref name="TValidator"/> (and for values that do not fit their type) and
    /// validates it on start, so the host's start-up check reports every problem before anything runs.
    /// </summary>
    public static IServiceCollection AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        var binding = new BindingCheck<TOptions>(section);
        services.AddOptions<TOptions>()
            .Configure<IConfiguration>((options, configuration) => binding.Bind(options, configuration))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>>(binding);
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        return services;
    }
}
