using Microsoft.Extensions.Hosting;

namespace StpCollector.Cli;

/// <summary>Builds the services a staff verb runs on, and readies them (configuration checked, database migrated).</summary>
internal interface IVerbHosting
{
    IHost Build(GlobalArguments globals);

    Task PrepareAsync(IServiceProvider services, CancellationToken cancellationToken);

    /// <summary>Called when a verb has run (whatever its exit code): records what it changed.</summary>
    Task VerbRanAsync(System.CommandLine.ParseResult parse, IServiceProvider services, int exitCode, CancellationToken cancellationToken);
}
