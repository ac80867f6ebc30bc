using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace StpCollector.Tests.Support.Browser;

/// <summary>
/// A real headless Chromium (Debian's <c>chromium</c>, or <c>$STPCOLLECTOR_CHROMIUM</c>) that the test starts
/// itself and Playwright drives over CDP: Playwright's own browser download is never used. Disposing closes
/// Playwright, kills the browser's process tree by its pid and deletes its private profile directory.
/// </summary>
internal sealed partial class HeadlessChromium : IAsyncDisposable
{
    // Generous: on a busy 2-core machine a cold start takes over 10 s.
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(60);
    // No browser test takes this long even on a loaded machine: past it the browser is killed, so a Playwright call that
    // would wait for ever fails instead and the run goes on.
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(8);
    private readonly IPlaywright playwright;
    private readonly Timer watchdog;
    private bool disposed;

    private HeadlessChromium(int pid, string profileDirectory, IPlaywright playwright, IBrowser browser, string endpoint)
    {
        this.playwright = playwright;
        watchdog = new Timer(_ => ChromiumProcesses.Kill(pid), null, Lifetime, Timeout.InfiniteTimeSpan);
        Pid = pid;
        ProfileDirectory = profileDirectory;
        Browser = browser;
        DevToolsEndpoint = endpoint;
    }

    /// <summary>The pid of the browser process this instance started (the root of the tree it kills).</summary>
    public int Pid { get; }

    public string ProfileDirectory { get; }

    public IBrowser Browser { get; }

    public string DevToolsEndpoint { get; }

    public static async Task<HeadlessChromium> StartAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException(
                $"No Chromium at {ExecutablePath}: run install/lib/apt-deps.sh as root, or set STPCOLLECTOR_CHROMIUM.");
        var profile = Directory.CreateTempSubdirectory("stpc-chromium-").FullName;
        var endpoint = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stderr = new ConcurrentQueue<string>();
        var process = new Process { StartInfo = StartInfo(profile) };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                endpoint.TrySetException(new InvalidOperationException(
                    $"{ExecutablePath} closed its stderr before saying where DevTools listens:\n{string.Join('\n', stderr)}"));
                return;
            }
            if (stderr.Count < 100)
                stderr.Enqueue(e.Data);
            if (DevToolsLine().Match(e.Data) is { Success: true } match)
                endpoint.TrySetResult(match.Groups[1].Value);
        };
        process.OutputDataReceived += (_, _) => { };
        process.Start();
        ChromiumProcesses.Register(process);
        try
        {
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            var url = await endpoint.Task.WaitAsync(StartBound).ConfigureAwait(false);
            var driver = await Playwright.CreateAsync().WaitAsync(StartBound).ConfigureAwait(false);
            try
            {
                var browser = await driver.Chromium.ConnectOverCDPAsync(url, new() { Timeout = (float)StartBound.TotalMilliseconds })
                    .ConfigureAwait(false);
                return new HeadlessChromium(process.Id, profile, driver, browser, url);
            }
            catch
            {
                driver.Dispose();
                throw;
            }
        }
        catch (TimeoutException)
        {
            Stop(process.Id, profile);
            throw new InvalidOperationException(
                $"{ExecutablePath} did not say where DevTools listens within {StartBound.TotalSeconds} s:\n{string.Join('\n', stderr)}");
        }
        catch
        {
            Stop(process.Id, profile);
            throw;
        }
    }

    /// <summary>A page in a fresh browser context: its own cookies and storage, nothing shared with other pages.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new()
        {
            Locale = "en-GB",
            TimezoneId = "Europe/London",
            ViewportSize = new() { Width = 1280, Height = 900 },
        }).ConfigureAwait(false);
        // Generous: a loaded two-core CI machine can take tens of seconds to lay out the first page.
        context.SetDefaultTimeout(60_000);
        return await context.NewPageAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed)
            return;
        disposed = true;
        try
        {
            await Browser.CloseAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            // The browser is killed below either way.
        }
        // The browser goes first, by its pid: the driver's Dispose can block, and must never keep a browser alive.
        await watchdog.DisposeAsync().ConfigureAwait(false);
        Stop(Pid, ProfileDirectory);
        try
        {
            await Task.Run(playwright.Dispose).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The driver process is the test host's child and ends with it; the browser is already gone.
        }
    }

    private static void Stop(int pid, string profile)
    {
        ChromiumProcesses.Kill(pid);
        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
            // A dying child may still write for a moment; the OS temp cleaner takes the rest.
        }
    }

    [GeneratedRegex(@"DevTools listening on (ws://\S+)")]
    private static partial Regex DevToolsLine();
}
