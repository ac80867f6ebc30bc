namespace StpCollector.Cli;

/// <summary>What every verb accepts: --data-dir and --config.</summary>
internal sealed record GlobalArguments(string? DataDir, string? ConfigFile);
