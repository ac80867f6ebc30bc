using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StpCollector.Cli;

namespace StpCollector.Hosting;

public static class OptionsRegistration
{
    /// <summary>
    /// Binds a section, checks it with <typeparamref name="TValidator"/> (and for values that do not fit their type) and
    /// validates it on start, so <see cref="ValidateAll"/> reports every problem before anything runs.
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

    /// <summary>Checks every options section registered with <see cref="AddValidatedOptions{TOptions, TValidator}"/>; all problems stop start-up with exit code 2, one line each.</summary>
    public static void ValidateAll(IServiceProvider services)
    {
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (Exception e) when (e is OptionsValidationException or AggregateException)
        {
            var failures = (e is AggregateException all ? all.InnerExceptions : [e])
                .OfType<OptionsValidationException>()
                .SelectMany(problem => problem.Failures)
                .Select(failure => $"Configuration error: {failure}");
            throw new ConfigurationProblemException(string.Join(Environment.NewLine, failures));
        }
    }
}
