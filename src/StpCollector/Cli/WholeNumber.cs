using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace StpCollector.Cli;

/// <summary>
/// Parses a number argument or option so that "abc" is refused in words people use ("ID: 'abc' is not a whole
/// number"), not the parser's "cannot parse ... as expected type System.Int64". Exit code 2, before any database work.
/// </summary>
internal static class WholeNumber
{
    public static Func<ArgumentResult, T> Of<T>(string name) where T : struct, IBinaryInteger<T> =>
        result => TryRead<T>(result, name, out var value) ? value : default;

    public static Func<ArgumentResult, T?> OrNone<T>(string name) where T : struct, IBinaryInteger<T> =>
        result => result.Tokens.Count == 0 ? null : TryRead<T>(result, name, out var value) ? value : null;

    private static bool TryRead<T>(ArgumentResult result, string name, out T value) where T : struct, IBinaryInteger<T>
    {
        var text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
        if (T.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
            return true;
        result.AddError($"{name}: '{text}' is not a whole number" + (name == "ID" ? "; give the number shown by the list, e.g. 12." : "."));
        return false;
    }
}
