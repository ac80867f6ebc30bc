using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StpCollector.Cli;
using StpCollector.Shared;

namespace StpCollector.Hosting;

internal static class OptionsRegistration
{
    /// <summary>Checks every options section registered with <see cref="ValidatedOptions.AddValidatedOptions{TOptions, TValidator}"/>; all problems stop start-up with exit code 2, one line each.</summary>
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
