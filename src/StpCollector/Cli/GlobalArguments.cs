namespace StpCollector.Cli;

/// <summary>What every verb accepts: --data-dir and --config.</summary>
public sealed record GlobalArguments(string? DataDir, string? ConfigFile);
