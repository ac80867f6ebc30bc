using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using StpCollector.Cli;
using StpCollector.Shared;

namespace StpCollector.Hosting;

internal static class WorkerCommand
{
    public static readonly Option<bool> Once = new("--once") { Description = "Run every sweep once, then exit (for cron and scripts)" };

    public static readonly Option<string[]> Sweeps = new("--sweep")
    {
        Description = "With --once: run only this sweep (repeatable), e.g. --sweep MailboxPoll",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Command Build()
    {
        var run = new Command("run", "Start the worker: send rounds, chase, ingest returns, send bulletins (the default)") { Once, Sweeps };
        run.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken));
        return run;
    }

    private static void RemoveArchiveLeftovers(IServiceProvider services)
    {
        var removed = services.GetRequiredService<Ingestion.InboundArchive>().RemoveLeftovers(services.GetRequiredService<TimeProvider>().GetUtcNow());
        if (removed > 0)
        {
            services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>().CreateLogger(typeof(WorkerCommand))
                .LogInformation("Removed {Count} unfinished archive file(s) (.partial) left by a process that was stopped mid-write", removed);
        }
    }

    public static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var once = parse.GetValue(Once);
        var only = parse.GetValue(Sweeps) ?? [];
        string? dataDir = null;
        IHostApplicationLifetime? lifetime = null;
        try
        {
            if (only.Length > 0 && !once)
                throw new UserFacingException("--sweep works only with --once (the worker always runs every sweep on its schedule).", ExitCodes.Usage);
            var globals = VerbRunner.GlobalsOf(parse);
            using var host = once ? AppHost.CreateBuilder(globals, worker: false).Build()
                : ConsoleHost.IsEnabled(globals) ? (IHost)ConsoleHost.Build(globals, worker: true)
                : AppHost.CreateBuilder(globals, worker: true).Build();
            dataDir = host.Services.GetRequiredService<AppPaths>().DataDir;
            lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
            // Taken before anything is migrated or scheduled, and held until the process ends (the OS frees it on a kill).
            using var workerLock = once ? null : WorkerLock.Acquire(host.Services.GetRequiredService<AppPaths>(), host.Services.GetRequiredService<TimeProvider>());
            await AppHost.PrepareAsync(host.Services, cancellationToken);
            RemoveArchiveLeftovers(host.Services);
            if (once)
            {
                var runner = ActivatorUtilities.CreateInstance<SweepRunner>(host.Services,
                    host.Services.GetServices<SweepRegistration>());
                var reports = await runner.RunOnceAsync(only, cancellationToken);
                foreach (var report in reports)
                    Console.Out.WriteLine(report.Line);
                if (host.Services.GetRequiredService<Storage.LowDiskSpaceWatch>().Warning() is { } lowSpace)
                    Console.Out.WriteLine($"Low disk space: {lowSpace}.");
                return reports.All(r => r.Succeeded) ? ExitCodes.Ok : ExitCodes.Failure;
            }

            await host.RunAsync(cancellationToken);
            return ExitCodes.Ok;
        }
        catch (UserFacingException e)
        {
            Output.Error(e.Message);
            return e.ExitCode;
        }
        catch (Problem e)
        {
            Output.Error(e.Message);
            return ExitCodes.For(e);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested || lifetime?.ApplicationStopping.IsCancellationRequested == true)
        {
            // Stopped (SIGTERM, Ctrl-C) before it had finished starting: a clean stop all the same.
            return ExitCodes.Ok;
        }
        catch (IOException e) when (ConsoleCommand.IsAddressInUse(e))
        {
            Output.Error(ConsoleCommand.AddressInUseMessage(e));
            return ExitCodes.Failure;
        }
        catch (Exception e) when (Shared.DiskSpace.IsDiskFull(e))
        {
            Output.Error(Shared.DiskSpace.FullMessage(dataDir ?? VerbRunner.GlobalsOf(parse).DataDir ?? "."));
            return ExitCodes.Failure;
        }
        catch (Exception e) when (Shared.StoreProblems.Explain(e) is { } message)
        {
            Output.Error(message);
            return ExitCodes.Failure;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Output.Error($"StpCollector stopped on an unexpected problem: {e.Message}");
            Output.Error(Environment.GetEnvironmentVariable("STPCOLLECTOR_DEBUG") is "1"
                ? e.ToString()
                : "Set STPCOLLECTOR_DEBUG=1 to see the technical details.");
            return ExitCodes.Failure;
        }
        finally
        {
            await Log.CloseAndFlushAsync();
        }
    }
}
