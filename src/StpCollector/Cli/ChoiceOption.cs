using System.CommandLine;

namespace StpCollector.Cli;

/// <summary>
/// Filters that take one of a fixed set of words (a status, a role, ...). A value outside the set is a usage error
/// naming the allowed values, caught while parsing (exit 2), instead of a filter that silently matches nothing.
/// The same words feed shell completion.
/// </summary>
internal static class ChoiceOption
{
    public static Option<string?> AllowOnly(this Option<string?> option, string what, IEnumerable<string> allowed)
    {
        var words = allowed.ToArray();
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } value && !words.Contains(value, StringComparer.Ordinal))
                result.AddError($"{option.Name} '{value}' is not {what}. Use one of: {string.Join(", ", words)}.");
        });
        option.CompletionSources.Add(words);
        return option;
    }
}
