using Microsoft.Extensions.Hosting;
using StpCollector.Cli;

namespace StpCollector.Hosting;

/// <summary>Staff verbs run on the same host as the worker, without its sweeps.</summary>
internal sealed class AppVerbHosting : IVerbHosting
{
    public static AppVerbHosting Instance { get; } = new();

    public IHost Build(GlobalArguments globals) => AppHost.CreateBuilder(globals, worker: false).Build();

    public Task PrepareAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        AppHost.PrepareAsync(services, cancellationToken);

    public Task VerbRanAsync(System.CommandLine.ParseResult parse, IServiceProvider services, int exitCode, CancellationToken cancellationToken) =>
        CommandLineAudit.RecordAsync(parse, services, exitCode, cancellationToken);
}
