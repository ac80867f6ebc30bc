using System.CommandLine;
using System.CommandLine.Completions;
using System.Text;

namespace StpCollector.Cli;

/// <summary>
/// `stpcollector completion bash|zsh`: a completion script generated from the command tree itself, so every verb,
/// subverb and option (and the fixed values of options such as --status) completes, including verbs added later.
/// zsh runs the same script through its bash compatibility layer.
/// </summary>
internal static class ShellCompletion
{
    public static Command Build()
    {
        var shell = new Argument<string>("SHELL") { Description = "bash or zsh" };
        shell.AcceptOnlyFromAmong("bash", "zsh");
        var completion = new Command("completion", "Print a shell completion script: eval \"$(stpcollector completion bash)\" in ~/.bashrc (or zsh in ~/.zshrc)") { shell };
        completion.SetAction(parse =>
        {
            var script = Script(parse.RootCommandResult.Command);
            Console.Out.Write(parse.GetValue(shell) == "zsh" ? ZshPrelude + script : script);
            return ExitCodes.Ok;
        });
        return completion;
    }

    /// <summary>zsh reads the bash script through bashcompinit, which needs compinit loaded first.</summary>
    private const string ZshPrelude = """
        (( $+functions[compdef] )) || { autoload -U +X compinit && compinit -u; }
        autoload -U +X bashcompinit && bashcompinit

        """;

    public static string Script(Command root)
    {
        var words = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        // Keys are the words typed so far, starting with the program's name (bash arrays cannot have an empty key).
        Walk(root, "stpcollector", root.Options.Where(o => o.Recursive).ToList(), words, values);

        var script = new StringBuilder();
        script.Append("# stpcollector shell completion, generated from its command tree\n");
        script.Append("declare -gA _stpcollector_words=(\n");
        foreach (var (path, list) in words)
            script.Append($"  [{Quote(path)}]={Quote(list)}\n");
        script.Append(")\ndeclare -gA _stpcollector_values=(\n");
        foreach (var (key, list) in values)
            script.Append($"  [{Quote(key)}]={Quote(list)}\n");
        script.Append("""
            )
            _stpcollector() {
              # zsh (through bashcompinit) counts array elements from 1; this function counts from 0 as bash does.
              # Subscripts stay unquoted: zsh would keep the quotes as part of the key.
              [[ -n "${ZSH_VERSION-}" ]] && setopt local_options KSH_ARRAYS
              local cur="${COMP_WORDS[COMP_CWORD]}" prev="" path="stpcollector" w i
              (( COMP_CWORD > 1 )) && prev="${COMP_WORDS[COMP_CWORD-1]}"
              for (( i = 1; i < COMP_CWORD; i++ )); do
                w="${COMP_WORDS[i]}"
                [[ "$w" == -* ]] && continue
                if [[ -n "${_stpcollector_words[$path $w]+set}" ]]; then path="$path $w"; fi
              done
              if [[ "$prev" == --* && -n "${_stpcollector_values[$path $prev]+set}" ]]; then
                local known="${_stpcollector_values[$path $prev]}"
                if [[ -n "$known" ]]; then
                  COMPREPLY=( $(compgen -W "$known" -- "$cur") )
                else
                  COMPREPLY=( $(compgen -f -- "$cur") )
                fi
                return 0
              fi
              COMPREPLY=( $(compgen -W "${_stpcollector_words[$path]}" -- "$cur") )
              [[ ${#COMPREPLY[@]} -eq 0 && "$cur" != -* ]] && COMPREPLY=( $(compgen -f -- "$cur") )
              return 0
            }
            complete -F _stpcollector stpcollector

            """);
        return script.ToString();
    }

    private static void Walk(Command command, string path, IReadOnlyList<Option> inherited,
        IDictionary<string, string> words, IDictionary<string, string> values)
    {
        var options = command.Options.Concat(inherited).Where(o => !o.Hidden).Distinct().ToList();
        words[path] = string.Join(' ', command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name)
            .Concat(options.Select(o => o.Name)).Append("--help").Distinct());
        foreach (var option in options.Where(TakesValue))
            values[$"{path} {option.Name}"] = string.Join(' ', option.GetCompletions(CompletionContext.Empty).Select(c => c.Label));
        var recursive = inherited.Concat(command.Options.Where(o => o.Recursive)).Distinct().ToList();
        foreach (var sub in command.Subcommands.Where(c => !c.Hidden))
            Walk(sub, $"{path} {sub.Name}", recursive, words, values);
    }

    private static bool TakesValue(Option option) => option.ValueType != typeof(bool) && option.Arity.MaximumNumberOfValues > 0;

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''") + "'";
}
