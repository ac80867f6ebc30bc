using System.Diagnostics;
using System.Text;

namespace StpCollector.Tests.Support;

/// <summary>Runs the real stpcollector executable (dotnet stpcollector.dll) as a child process.</summary>
internal sealed class AppProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder stdout = new();
    private readonly StringBuilder stderr = new();

    private AppProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Pid => process.Id;
    public bool HasExited => process.HasExited;
    public int ExitCode => process.ExitCode;
    public string Stdout { get { lock (stdout) return stdout.ToString(); } }
    public string Stderr { get { lock (stderr) return stderr.ToString(); } }

    public static AppProcess Start(IEnumerable<string> args, IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        info.ArgumentList.Add(RepoPaths.AppDll);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        // The console listens on a free port in tests, so workers started side by side never compete for one.
        info.Environment["STPCOLLECTOR__Web__Urls"] = "http://127.0.0.1:0";
        if (DataDirOf(info.ArgumentList) is { } dataDir)
        {
            foreach (var (key, value) in StoreEnvironment(dataDir))
                info.Environment[key] = value;
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            info.Environment[key] = value;
        return new AppProcess(Process.Start(info)!);
    }

    /// <summary>
    /// What points a child stpcollector at the data dir's store: nothing on SQLite (the file in the dir), the dir's database
    /// when it has one (the PostgreSQL pass, or a test that asked for PostgreSQL). For tests that must start the process
    /// themselves (under script(1), with stdin).
    /// </summary>
    public static IReadOnlyDictionary<string, string> StoreEnvironment(string dataDir) =>
        PostgresSandbox.IsRunning && PostgresSandbox.Shared.DatabaseFor(dataDir) is { } database
            ? PostgresSandbox.Shared.Environment(database)
            : new Dictionary<string, string>();

    private static string? DataDirOf(IList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--data-dir" && i + 1 < args.Count)
                return args[i + 1];
            if (args[i].StartsWith("--data-dir=", StringComparison.Ordinal))
                return args[i]["--data-dir=".Length..];
        }

        return null;
    }

    /// <summary>Runs to completion (bounded) and returns the exit code, stdout and stderr.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        IEnumerable<string> args, IDictionary<string, string>? environment = null, int timeoutSeconds = 120)
    {
        using var app = Start(args, environment);
        if (!await app.WaitForExitAsync(TimeSpan.FromSeconds(timeoutSeconds)))
        {
            app.Kill();
            Assert.Fail($"stpcollector {string.Join(' ', args)} did not finish within {timeoutSeconds} s.\n{app.Stderr}");
        }

        return (app.ExitCode, app.Stdout, app.Stderr);
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
            process.WaitForExit(); // drains the output readers
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Polls (bounded) until stdout or stderr contains the text.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Stdout.Contains(text) && !Stderr.Contains(text))
        {
            if (process.HasExited)
                Assert.Fail($"stpcollector exited ({process.ExitCode}) before printing '{text}'.\n{Stdout}\n{Stderr}");
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"stpcollector did not print '{text}' within {timeout.TotalSeconds} s.\n{Stdout}\n{Stderr}");
            await Task.Delay(50);
        }
    }

    public void Signal(int signal) => Process.Start("kill", [$"-{signal}", Pid.ToString()])!.WaitForExit();

    public void Kill()
    {
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }
}
