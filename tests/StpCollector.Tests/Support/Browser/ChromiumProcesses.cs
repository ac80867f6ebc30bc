using System.Collections.Concurrent;
using System.Diagnostics;

namespace StpCollector.Tests.Support.Browser;

/// <summary>
/// The Chromium processes the tests started, by pid, so that the global teardown kills any a test forgot to
/// dispose. Only these processes are ever killed, each with its own tree.
/// </summary>
internal static class ChromiumProcesses
{
    private static readonly ConcurrentDictionary<int, Process> Running = new();

    public static void Register(Process process) => Running[process.Id] = process;

    /// <summary>Kills the tree of the registered process <paramref name="pid"/>; does nothing for any other pid.</summary>
    public static void Kill(int pid)
    {
        if (!Running.TryRemove(pid, out var process))
            return;
        try
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }
        finally
        {
            process.Dispose();
        }
    }

    public static void KillLeftovers()
    {
        foreach (var pid in Running.Keys.ToList())
            Kill(pid);
    }

    /// <summary>The pids of live processes whose command line names <paramref name="text"/> (Linux /proc).</summary>
    public static IReadOnlyList<int> PidsWhoseCommandLineHas(string text) =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => int.TryParse(name, out _))
            .Select(name => (pid: int.Parse(name!), cmdline: ReadCommandLine(name!)))
            .Where(p => p.cmdline.Contains(text, StringComparison.Ordinal))
            .Select(p => p.pid)
            .ToList();

    private static string ReadCommandLine(string pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
