using StpCollector.Tests.Support;

namespace StpCollector.Tests.Cli;

/// <summary>Runs many real stpcollector processes at once (bounded), for walks over the whole command tree.</summary>
internal static class CliProcesses
{
    public sealed record Run(string[] Args, int ExitCode, string Stdout, string Stderr)
    {
        public string Command => "stpcollector " + string.Join(' ', Args);
        public string Output => Stdout + Stderr;
    }

    public static async Task<IReadOnlyList<Run>> RunAllAsync(IEnumerable<string[]> commands)
    {
        // A few more than the cores: each process spends much of its short life starting up and waiting on files.
        using var gate = new SemaphoreSlim(Math.Max(4, Environment.ProcessorCount * 2));
        return await Task.WhenAll(commands.Select(async args =>
        {
            await gate.WaitAsync();
            try
            {
                var (exit, stdout, stderr) = await AppProcess.RunAsync(args);
                return new Run(args, exit, stdout, stderr);
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    /// <summary>What no verb may ever print: the catch-all message or a .NET stack frame.</summary>
    public static IEnumerable<string> Crashes(Run run)
    {
        if (run.Output.Contains("unexpected problem", StringComparison.OrdinalIgnoreCase))
            yield return $"{run.Command}: says 'unexpected problem'\n{run.Output}";
        if (run.Output.Contains("   at ", StringComparison.Ordinal))
            yield return $"{run.Command}: prints a stack trace\n{run.Output}";
    }
}
