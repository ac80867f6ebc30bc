using System.Text.RegularExpressions;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Foundation;

/// <summary>House rules the compiler cannot enforce here: time comes from TimeProvider, secrets stay out of the repo.</summary>
public sealed partial class CodeStyleTests
{
    [Test]
    public void App_code_reads_the_time_only_through_TimeProvider()
    {
        var offenders = SourceFiles()
            .SelectMany(file => File.ReadAllLines(file).Select((line, i) => (file, line, number: i + 1)))
            .Where(x => WallClock().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(RepoPaths.Root, x.file)}:{x.number}: {x.line.Trim()}")
            .ToList();

        Assert.That(offenders, Is.Empty, "use the injected TimeProvider instead");
    }

    [Test]
    public void Settings_files_in_the_repo_hold_no_passwords_or_keys()
    {
        var settings = Directory.EnumerateFiles(RepoPaths.Root, "*.json", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/bin/") && !f.Contains("/obj/") && !f.Contains("/artifacts/") && !f.Contains("/var/"));
        var offenders = settings
            .SelectMany(file => File.ReadAllLines(file).Select(line => (file, line)))
            .Where(x => Secret().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(RepoPaths.Root, x.file)}: {x.line.Trim()}")
            .ToList();

        Assert.That(offenders, Is.Empty, "secrets come from environment variables or files outside the repo");
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/") && !f.Contains("/bin/"));

    [GeneratedRegex(@"\b(DateTime|DateTimeOffset)\.(Now|UtcNow|Today)\b")]
    private static partial Regex WallClock();

    [GeneratedRegex(@"""(Password|ReplyTokenKey|Secret|ApiKey)""\s*:\s*""[^""]+""", RegexOptions.IgnoreCase)]
    private static partial Regex Secret();
}
