using System.Diagnostics;
using System.Text.Json;
using NUnit.Framework;

using StpCollector.Tests.Support;

namespace StpCollector.Tests.Foi;

/// <summary>The built `stpcollector` (copied beside the tests) run as a child process, as staff would run it.</summary>
public class FoiCliTests
{
    private TempDataDir data = null!;

    [SetUp]
    public void SetUp() => data = new TempDataDir();

    [TearDown]
    public void TearDown() => data.Dispose();

    [Test]
    public async Task FoiDue_PrintsTheDueDate()
    {
        // Fri 18 Dec 2026: 1-4 Mon 21-Thu 24, [Fri 25, Sat 26, Sun 27, Mon 28 Boxing Day substitute], 5-7 Tue 29-Thu 31,
        // [Fri 1 Jan, Sat 2, Sun 3, Mon 4 (scotland)], 8-11 Tue 5-Fri 8, 12-16 Mon 11-Fri 15, 17 Mon 18, 18 Tue 19, 19 Wed 20, 20 Thu 21 Jan 2027.
        var (exitCode, stdout, stderr) = await RunAsync("foi", "due", "--received", "2026-12-18", "--data-dir", data.Path);

        Assert.That(exitCode, Is.Zero, stderr);
        Assert.That(stdout, Does.StartWith("Due: Thursday 21 January 2027 (2027-01-21), 20 working days after receipt on Friday 18 December 2026.\n"));
    }

    [Test]
    public async Task FoiDue_WithoutJson_ShowsItsReckoning_TheDaysNotCountedAndWhy()
    {
        var (exitCode, stdout, stderr) = await RunAsync("foi", "due", "--received", "2026-12-18", "--working-days", "5", "--data-dir", data.Path);

        Assert.That(exitCode, Is.Zero, stderr);
        Assert.That(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
        {
            "Due: Tuesday 29 December 2026 (2026-12-29), 5 working days after receipt on Friday 18 December 2026.",
            "Not counted (6 days):",
            "  Sat 19 Dec 2026  weekend",
            "  Sun 20 Dec 2026  weekend",
            "  Fri 25 Dec 2026  Christmas Day",
            "  Sat 26 Dec 2026  weekend",
            "  Sun 27 Dec 2026  weekend",
            "  Mon 28 Dec 2026  Boxing Day (substitute day)",
        }));
    }

    [Test]
    public async Task FoiDue_WithJson_ListsTheSkippedDays()
    {
        var (exitCode, stdout, stderr) = await RunAsync("foi", "due", "--received", "2026-12-18", "--working-days", "5", "--json", "--data-dir", data.Path);

        // Fri 18 Dec 2026: 1-4 Mon 21-Thu 24, [Sat 19, Sun 20, Fri 25, Sat 26, Sun 27, Mon 28], 5 Tue 29 Dec.
        Assert.That(exitCode, Is.Zero, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.That(json.GetProperty("received").GetString(), Is.EqualTo("2026-12-18"));
        Assert.That(json.GetProperty("due").GetString(), Is.EqualTo("2026-12-29"));
        Assert.That(json.GetProperty("workingDays").GetInt32(), Is.EqualTo(5));
        var skipped = json.GetProperty("skipped").EnumerateArray().Select(s => $"{s.GetProperty("date").GetString()} {s.GetProperty("reason").GetString()}");
        Assert.That(skipped, Is.EqualTo(new[]
        {
            "2026-12-19 Saturday", "2026-12-20 Sunday", "2026-12-25 Christmas Day", "2026-12-26 Saturday", "2026-12-27 Sunday",
            "2026-12-28 Boxing Day (substitute day)",
        }));
    }

    [TestCase("18/12/2026")]
    [TestCase("2026-02-30")]
    public async Task FoiDue_WithABadDate_ExplainsAndExitsWithTwo(string received)
    {
        var (exitCode, stdout, stderr) = await RunAsync("foi", "due", "--received", received, "--data-dir", data.Path);

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr, Does.Contain($"'{received}' is not a date. Write it as yyyy-MM-dd"));
    }

    [Test]
    public async Task HolidaysImport_OfAMalformedFile_NamesTheFileAndLine_AndExitsWithTwo()
    {
        var path = data.WriteFile("bad.csv", "date,jurisdiction,name\n2026-06-01,england-and-wales,Fine\n2026-06-31,scotland,Bad\n");

        var (exitCode, _, stderr) = await RunAsync("holidays", "import", path, "--data-dir", data.Path);

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain($"{path}, line 3: '2026-06-31' is not a date").And.Contain("Nothing was imported"));
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TestContext.CurrentContext.WorkDirectory,
        };
        start.ArgumentList.Add(Path.Combine(TestContext.CurrentContext.TestDirectory, "stpcollector.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        foreach (var (key, value) in AppProcess.StoreEnvironment(data.Path))
            start.Environment[key] = value;

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
