using System.Collections;
using System.ComponentModel;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace StpCollector.Shared;

/// <summary>
/// Binds a section as BindConfiguration does, except that a value which does not fit its property ("abc" for a port)
/// is left out and reported in plain words naming its key, so every such value is reported alongside the other problems.
/// </summary>
internal sealed class BindingCheck<TOptions>(string section) : IValidateOptions<TOptions>
    where TOptions : class
{
    private readonly ConditionalWeakTable<TOptions, List<string>> problems = [];

    public void Bind(TOptions options, IConfiguration configuration)
    {
        var values = configuration.GetSection(section);
        var misfits = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in values.AsEnumerable(makePathsRelative: true))
        {
            if (string.IsNullOrEmpty(key) || string.IsNullOrEmpty(value) || TargetType(typeof(TOptions), key.Split(':')) is not { } type)
                continue;
            if (!Fits(type, value))
                misfits[key] = $"{section}:{key} = '{value}' is not a valid {Describe(type)}.";
        }

        problems.AddOrUpdate(options, [.. misfits.Values]);
        try
        {
            if (misfits.Count == 0)
                values.Bind(options);
            else
                new ConfigurationBuilder()
                    .AddInMemoryCollection(values.AsEnumerable(makePathsRelative: true).Where(kv => kv.Key.Length > 0 && !misfits.ContainsKey(kv.Key)))
                    .Build()
                    .Bind(options);
        }
        catch (InvalidOperationException e)
        {
            problems.GetOrCreateValue(options).Add($"{section} cannot be read: {e.Message}");
        }
    }

    public ValidateOptionsResult Validate(string? name, TOptions options) =>
        problems.TryGetValue(options, out var found) && found.Count > 0 ? ValidateOptionsResult.Fail(found) : ValidateOptionsResult.Skip;

    /// <summary>The type a key binds to (a property, a dictionary value or a list item), or null when nothing takes it.</summary>
    private static Type? TargetType(Type type, IEnumerable<string> path)
    {
        foreach (var segment in path)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>)) is { } dictionary)
                type = dictionary.GetGenericArguments()[1];
            else if (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type))
                type = type.IsArray ? type.GetElementType()! : type.GetGenericArguments().FirstOrDefault() ?? typeof(object);
            else if (type.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is { } property)
                type = property.PropertyType;
            else
                return null;
        }

        return Nullable.GetUnderlyingType(type) ?? type;
    }

    private static bool Fits(Type type, string value)
    {
        if (type == typeof(string) || type == typeof(object))
            return true;
        var converter = TypeDescriptor.GetConverter(type);
        if (!converter.CanConvertFrom(typeof(string)))
            return true;
        try
        {
            _ = converter.ConvertFromInvariantString(value);
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }

    private static string Describe(Type type) => type switch
    {
        _ when type == typeof(int) || type == typeof(long) => "whole number",
        _ when type == typeof(bool) => "true/false value",
        _ when type == typeof(double) || type == typeof(decimal) => "number",
        _ when type == typeof(TimeSpan) => "duration (hh:mm:ss)",
        { IsEnum: true } => "choice; use one of: " + string.Join(", ", Enum.GetNames(type)),
        _ => type.Name,
    };
}
