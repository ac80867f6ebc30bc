using System.CommandLine;
using System.CommandLine.Parsing;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Audit;
using StpCollector.Cli;

namespace StpCollector.Hosting;

/// <summary>
/// Every verb that can change something is recorded in the audit log with the OS user who ran it and its arguments.
/// Verbs that only read are named here; anything else counts as a change, so a new verb is audited unless it says it reads.
/// </summary>
internal static class CommandLineAudit
{
    private static readonly HashSet<string> ReadingVerbs = new(StringComparer.Ordinal)
    {
        "list", "show", "status", "preview", "peek", "report", "export", "due", "documents", "completion", "themes", "classify",
    };

    // Global options say where, not what: they are left out of the recorded arguments.
    private static readonly HashSet<string> Omitted = new(StringComparer.Ordinal) { "--data-dir", "--config" };

    public static bool Changes(IReadOnlyList<string> verbPath) =>
        verbPath.Count > 0 && !ReadingVerbs.Contains(verbPath[^1]);

    public static async Task RecordAsync(ParseResult parse, IServiceProvider services, int exitCode, CancellationToken cancellationToken)
    {
        var path = VerbPath(parse);
        if (!Changes(path))
            return;
        var firstArgument = parse.CommandResult.Children.OfType<ArgumentResult>().FirstOrDefault()?.Tokens.FirstOrDefault()?.Value ?? "";
        var detail = string.Join(' ', Arguments(parse)) + (exitCode == ExitCodes.Ok ? "" : $" (exit code {exitCode})");
        try
        {
            await services.GetRequiredService<AuditLog>().RecordAsync(AuditActor.CommandLine(),
                new AuditChange(string.Join(' ', path), path[0], firstArgument, Detail: detail.Trim()), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The change itself is done and committed; saying so beats reporting a failure that did not happen.
            Output.Error($"Done, but the change could not be recorded in the audit log: {e.Message}");
        }
    }

    private static List<string> VerbPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null && result.Command is not RootCommand; result = result.Parent as CommandResult)
            names.Insert(0, result.Command.Name);
        return names;
    }

    private static IEnumerable<string> Arguments(ParseResult parse)
    {
        var skipNext = false;
        foreach (var token in parse.Tokens)
        {
            if (skipNext)
            {
                skipNext = false;
                continue;
            }

            if (token.Type == TokenType.Command)
                continue;
            if (token.Type == TokenType.Option && Omitted.Contains(token.Value))
            {
                skipNext = true;
                continue;
            }

            // A connection string's password (db copy --to postgres://USER:PASSWORD@...) is not for the audit log.
            var value = Storage.PostgresConnectionString.Redact(token.Value);
            yield return value.Contains(' ', StringComparison.Ordinal) ? $"\"{value}\"" : value;
        }
    }
}
