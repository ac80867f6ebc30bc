using System.CommandLine;
using System.CommandLine.Parsing;

namespace StpCollector.Cli;

/// <summary>"Did you mean ...?" for a mistyped verb or option: the nearest name by edit distance, if it is near enough.</summary>
internal static class Suggestions
{
    /// <summary>One line for the first word the parser could not place, or null when there is nothing better to say.</summary>
    public static string? ForUnmatched(ParseResult parse)
    {
        if (parse.UnmatchedTokens.Count == 0)
            return null;
        var word = parse.UnmatchedTokens[0];
        var command = parse.CommandResult.Command;
        var path = string.Join(' ', PathOf(parse.CommandResult));
        if (word.StartsWith('-'))
        {
            var options = OptionsOf(parse.CommandResult).SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal));
            return Nearest(word, options) is { } option
                ? $"Unknown option '{word}'. Did you mean '{option}'?"
                : null;
        }

        if (command.Subcommands.Count == 0)
            return null;
        var prefix = path.Length == 0 ? "" : path + " ";
        return Nearest(word, command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name)) is { } verb
            ? $"Unknown command '{prefix}{word}'. Did you mean '{prefix}{verb}'?"
            : $"Unknown command '{prefix}{word}'. The commands{(path.Length == 0 ? "" : $" of '{path}'")} are: " +
              string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name)) + ".";
    }

    public static IEnumerable<string> PathOf(CommandResult? result)
    {
        var names = new List<string>();
        for (; result is not null && result.Command is not RootCommand; result = result.Parent as CommandResult)
            names.Insert(0, result.Command.Name);
        return names;
    }

    private static IEnumerable<Option> OptionsOf(CommandResult? result)
    {
        var options = new List<Option>();
        for (var first = true; result is not null; result = result.Parent as CommandResult, first = false)
            options.AddRange(result.Command.Options.Where(o => first || o.Recursive));
        return options;
    }

    private static string? Nearest(string word, IEnumerable<string> names)
    {
        var best = names.Select(n => (Name: n, Distance: Distance(word.ToLowerInvariant(), n.ToLowerInvariant())))
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault();
        // Near enough to be a slip of the finger, not a different word: at most 2 edits, and fewer than a third of the word.
        return best.Name is not null && best.Distance <= Math.Min(2, Math.Max(1, best.Name.Length / 3)) ? best.Name : null;
    }

    /// <summary>Edit distance counting a swap of adjacent letters ("lsit") as one edit.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }

        return d[a.Length, b.Length];
    }
}
