using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StpCollector.Cli;

namespace StpCollector.Hosting;

public static partial class OptionsRegistration
{
    private sealed record Checked(Type OptionsType, string Section);

    /// <summary>Binds a section and records it so <see cref="ValidateAll"/> checks it before anything runs.</summary>
    public static IServiceCollection AddValidatedOptions<T>(this IServiceCollection services, string section)
        where T : class, IValidatedOptions
    {
        services.AddOptions<T>().BindConfiguration(section);
        services.AddSingleton<IValidateOptions<T>>(new SectionValidator<T>(section));
        services.AddSingleton(new Checked(typeof(T), section));
        return services;
    }

    /// <summary>Resolves every registered options class; the first problem stops start-up with exit code 2.</summary>
    public static void ValidateAll(IServiceProvider services)
    {
        foreach (var check in services.GetServices<Checked>())
        {
            var accessor = typeof(IOptions<>).MakeGenericType(check.OptionsType);
            try
            {
                var options = services.GetRequiredService(accessor);
                try
                {
                    _ = accessor.GetProperty("Value")!.GetValue(options);
                }
                catch (System.Reflection.TargetInvocationException e) when (e.InnerException is not null)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
                }
            }
            catch (OptionsValidationException e)
            {
                throw new ConfigurationProblemException($"Configuration error: {e.Failures.First()}");
            }
            catch (InvalidOperationException e) when (ConversionFailure().Match(e.Message) is { Success: true } m)
            {
                throw new ConfigurationProblemException(
                    $"Configuration error: {m.Groups["key"].Value} = '{m.Groups["value"].Value}' is not a valid {Describe(m.Groups["type"].Value)}.");
            }
        }
    }

    private static string Describe(string clrType) => clrType switch
    {
        "System.Int32" or "System.Int64" => "whole number",
        "System.Boolean" => "true/false value",
        "System.Double" or "System.Decimal" => "number",
        "System.TimeSpan" => "duration (hh:mm:ss)",
        _ when typeof(OptionsRegistration).Assembly.GetType(clrType) is { IsEnum: true } e =>
            "choice; use one of: " + string.Join(", ", Enum.GetNames(e)),
        _ => clrType,
    };

    [GeneratedRegex("Failed to convert configuration value '(?<value>.*)' at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex ConversionFailure();

    private sealed class SectionValidator<T>(string section) : IValidateOptions<T> where T : class, IValidatedOptions
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var failures = options.Validate(section).ToList();
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
