using Microsoft.Extensions.Hosting;

namespace StpCollector.Cli;

/// <summary>Builds the services a staff verb runs on, and readies them (configuration checked, database migrated).</summary>
internal interface IVerbHosting
{
    IHost Build(GlobalArguments globals);

    Task PrepareAsync(IServiceProvider services, CancellationToken cancellationToken);
}
