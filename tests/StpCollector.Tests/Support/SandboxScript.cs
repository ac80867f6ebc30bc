using System.Diagnostics;

namespace StpCollector.Tests.Support;

/// <summary>Runs one of install/'s sandbox scripts (mail-sandbox, pg-sandbox) with a verb and its folder, bounded in time.</summary>
internal static class SandboxScript
{
    public static void Run(string script, string verb, string dir, IDictionary<string, string>? env = null, int timeoutSeconds = 60)
    {
        var info = new ProcessStartInfo(RepoPaths.Install(script))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(verb);
        info.ArgumentList.Add(dir);
        foreach (var (key, value) in env ?? new Dictionary<string, string>())
            info.Environment[key] = value;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill(true);
            throw new InvalidOperationException($"install/{script} {verb} did not finish within {timeoutSeconds} s");
        }

        if (process.ExitCode != 0)
            throw new InvalidOperationException($"install/{script} {verb} {dir} failed ({process.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
    }
}
