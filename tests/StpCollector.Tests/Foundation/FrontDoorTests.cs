using System.Text.RegularExpressions;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Foundation;

/// <summary>
/// Features raise domain problems (Shared/Problem) and leave exit codes and terminal output to the command line, so a
/// second front door (the web console) can use them as they are. Only Cli/ and the verb files may use Cli/.
/// </summary>
public sealed partial class FrontDoorTests
{
    [Test]
    public void Only_the_command_line_and_the_verb_files_use_Cli()
    {
        var offenders = AppFiles()
            .Where(file => !IsCommandLine(file) && !IsHost(file))
            .SelectMany(file => File.ReadAllLines(Path.Combine(AppRoot, file)).Select((line, i) => (file, line, number: i + 1)))
            .Where(x => UsesCli().IsMatch(x.line))
            .Select(x => $"{x.file}:{x.number}: {x.line.Trim()}")
            .ToList();

        Assert.That(offenders, Is.Empty, "raise a problem from StpCollector.Shared (NotFoundProblem, InvalidInputProblem, ...) and let the verb print it");
    }

    [Test]
    public void Shared_depends_on_no_feature()
    {
        var offenders = AppFiles()
            .Where(file => file.StartsWith("Shared/", StringComparison.Ordinal))
            .SelectMany(file => File.ReadAllLines(Path.Combine(AppRoot, file)).Select(line => (file, line)))
            .Where(x => UsesAppFolder().Match(x.line) is { Success: true } m && m.Groups[1].Value != "Shared")
            .Select(x => $"{x.file}: {x.line.Trim()}")
            .ToList();

        Assert.That(offenders, Is.Empty, "Shared holds small contracts every feature may use; it must not lean on any of them");
    }

    private static string AppRoot => Path.Combine(RepoPaths.Root, "src", "StpCollector");

    private static bool IsCommandLine(string file) =>
        file.StartsWith("Cli/", StringComparison.Ordinal) || file == "Program.cs" ||
        file.EndsWith("Commands.cs", StringComparison.Ordinal) || file.EndsWith("Command.cs", StringComparison.Ordinal);

    /// <summary>The host composes the command line (the verb tree, configuration problems), so it may use it.</summary>
    private static bool IsHost(string file) => file.StartsWith("Hosting/", StringComparison.Ordinal);

    private static IEnumerable<string> AppFiles() =>
        Directory.EnumerateFiles(AppRoot, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(AppRoot, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("obj/", StringComparison.Ordinal) && !f.StartsWith("bin/", StringComparison.Ordinal));

    [GeneratedRegex(@"\bStpCollector\.Cli\b|(?<![\w.])Cli\.[A-Z]")]
    private static partial Regex UsesCli();

    [GeneratedRegex(@"\bStpCollector\.([A-Z]\w*)\b")]
    private static partial Regex UsesAppFolder();
}
