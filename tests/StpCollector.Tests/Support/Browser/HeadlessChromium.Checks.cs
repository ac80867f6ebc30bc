using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace StpCollector.Tests.Support.Browser;

/// <summary>What a test checks on a page a person would see: a screenshot to look at, and axe's findings.</summary>
internal sealed partial class HeadlessChromium
{
    /// <summary>
    /// Screenshots go to <c>$STPCOLLECTOR_TEST_ARTIFACTS_DIR/screenshots</c>, else <c>artifacts/screenshots</c> in the repo
    /// (ignored by git), and are attached to the current test's result.
    /// </summary>
    public static string ScreenshotDirectory =>
        Path.Combine(System.Environment.GetEnvironmentVariable("STPCOLLECTOR_TEST_ARTIFACTS_DIR") is { Length: > 0 } dir
            ? dir : Path.Combine(RepoPaths.Root, "artifacts"), "screenshots");

    /// <summary>Saves a full-page PNG named <paramref name="name"/> and returns its path.</summary>
    public static async Task<string> SaveScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var safeName = string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-'));
        var file = Path.Combine(ScreenshotDirectory, safeName + ".png");
        await page.ScreenshotAsync(new() { Path = file, FullPage = true }).ConfigureAwait(false);
        TestContext.AddTestAttachment(file, $"{page.Url} as the browser showed it");
        return file;
    }

    /// <summary>
    /// Runs axe-core on the page and returns its serious and critical violations, one readable line per rule
    /// (impact, rule, what it asks, where), so <c>Assert.That(found, Is.Empty)</c> fails with the reasons.
    /// </summary>
    public static async Task<IReadOnlyList<string>> AxeSeriousOrCriticalAsync(IPage page)
    {
        var result = await page.RunAxe().ConfigureAwait(false);
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Impact} {v.Id}: {v.Help} ({v.HelpUrl}) at "
                + string.Join("; ", v.Nodes.Select(n => $"{n.Target} {n.Html}")))
            .ToList();
    }
}
