using System.Diagnostics;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Bench;

/// <summary>
/// install/bench is not part of the test run (nothing here is timed), but it must keep working as the features it
/// measures change: --smoke runs every comparison once on tiny inputs, with its own mail sandbox.
/// </summary>
public sealed class BenchScriptTests
{
    private static readonly string[] Comparisons =
    [
        "Bulk import (CSV, validated)", "Bulk import on PostgreSQL (COPY)", "Dispatch (outbox → SMTP)", "Ingestion (IMAP → stored returns)", "Report (one round, with history)", "Console page /rounds",
        "National round (open → SMTP)", "Bulletin (build → SMTP)", "Ingestion at scale (IMAP → stored returns)",
        "Reply → receipt queued (worker running) (p50)", "Reply → receipt queued (worker running) (p99)", "Short staff verb (`councils list --json`)",
    ];

    [Test]
    public async Task Smoke_run_prints_a_row_for_every_comparison_with_a_time_or_a_reason_it_is_not_available()
    {
        using var output = new TempDataDir();

        var (exit, stdout, stderr) = await RunBenchAsync(["--smoke", "--no-build", "--configuration", BuildConfiguration(), "--out", output.Path]);

        Assert.That(exit, Is.EqualTo(0), $"install/bench --smoke failed:\n{stdout}\n{stderr}");
        Assert.That(stdout, Does.Contain("| Comparison | Size | StpCollector (median) |"));
        Assert.That(stdout, Does.Match(@"Machine: \d+ cores, .+ RAM, .+\.NET SDK \d+"));
        foreach (var comparison in Comparisons)
        {
            var row = stdout.Split('\n').SingleOrDefault(l => l.StartsWith($"| {comparison} |", StringComparison.Ordinal));
            Assert.That(row, Is.Not.Null, $"no row for {comparison}:\n{stdout}");
            // Either measured (a median in seconds and met/missed) or plainly not in this build; never a silent pass.
            Assert.That(row, Does.Match(@"\| \d+\.\d+ s( \([\dk./s]+\))? \|.*\| (met|missed) \|").Or.Contain("| not available: "), row);
        }

        var results = File.ReadAllText(Path.Combine(output.Path, "results.md"));
        Assert.That(results, Does.Contain("| Comparison |").And.Contain("Machine:"));
    }

    [Test]
    public async Task Unknown_options_are_refused_with_the_usage()
    {
        var (exit, _, stderr) = await RunBenchAsync(["--fastest"]);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("unknown option --fastest").And.Contain("Usage: install/bench"));
    }

    /// <summary>The configuration these tests were built in, so the script uses the same build (bin/Release or bin/Debug).</summary>
    private static string BuildConfiguration() =>
        TestContext.CurrentContext.TestDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";

    private const int Bound = 240;

    private static async Task<(int Exit, string Stdout, string Stderr)> RunBenchAsync(string[] args)
    {
        var info = new ProcessStartInfo(RepoPaths.Install("bench"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // The smoke run takes about 40 s on an idle machine; the bound leaves room for a busy one, where it has taken over 90 s.
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(Bound));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            // SIGTERM, not a kill: the script's trap then stops its mail sandbox.
            Process.Start("kill", ["-TERM", process.Id.ToString()])!.WaitForExit();
            process.WaitForExit(15_000);
            Assert.Fail($"install/bench {string.Join(' ', args)} did not finish within {Bound} s:\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
