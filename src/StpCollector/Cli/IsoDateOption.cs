using System.CommandLine;
using System.Globalization;

namespace StpCollector.Cli;

/// <summary>
/// A date option that accepts only ISO yyyy-MM-dd, so "03/04/2026" can never be read the American way.
/// A bad value is a parse error: exit code 2 with the usage hint, before any database is touched.
/// </summary>
internal static class IsoDateOption
{
    public static Option<DateOnly> Create(string name, string description, bool required = true) => new(name)
    {
        Description = description,
        Required = required,
        HelpName = "yyyy-MM-dd",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                return date;
            result.AddError($"{name}: '{text}' is not a date. Write it as yyyy-MM-dd, e.g. 2026-12-18.");
            return default;
        },
    };
}
