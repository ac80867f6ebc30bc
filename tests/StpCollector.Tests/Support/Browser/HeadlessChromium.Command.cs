using System.Diagnostics;

namespace StpCollector.Tests.Support.Browser;

/// <summary>Which Chromium runs, and how: headless, on a DevTools port of its choosing, with a private profile.</summary>
internal sealed partial class HeadlessChromium
{
    public static string ExecutablePath =>
        System.Environment.GetEnvironmentVariable("STPCOLLECTOR_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private static ProcessStartInfo StartInfo(string profile)
    {
        var info = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // --no-sandbox: Chromium refuses to run as root with its sandbox (tests and CI run as root here);
        // --disable-dev-shm-usage: containers often have a tiny /dev/shm.
        string[] arguments = ["--headless=new", "--remote-debugging-port=0", $"--user-data-dir={profile}", "--no-sandbox",
            "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "about:blank"];
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        return info;
    }
}
