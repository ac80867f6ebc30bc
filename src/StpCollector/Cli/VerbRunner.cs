using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;
using StpCollector.Shared;

namespace StpCollector.Cli;

/// <summary>
/// Runs a staff verb: builds the services, checks configuration, migrates, then runs the verb.
/// Problems the user can fix become one clear line on stderr and an exit code; nothing else escapes.
/// </summary>
internal static class VerbRunner
{
    /// <summary>
    /// How a verb gets its services. The host sets it when it composes the command tree: the command line is a small
    /// library every feature's verb files use, so it cannot import the host that imports them all.
    /// </summary>
    public static IVerbHosting? Hosting { get; set; }

    public delegate Task<int> VerbAction(ParseResult parse, IServiceProvider services, CancellationToken cancellationToken);

    public static void Handles(this Command command, VerbAction action) =>
        command.SetAction((parse, cancellationToken) => RunAsync(parse, action, cancellationToken));

    public static GlobalArguments GlobalsOf(ParseResult parse) =>
        new(parse.GetValue(CommonOptions.DataDir), parse.GetValue(CommonOptions.Config));

    private static async Task<int> RunAsync(ParseResult parse, VerbAction action, CancellationToken cancellationToken)
    {
        string? dataDir = null;
        try
        {
            var hosting = Hosting ?? throw new InvalidOperationException("The command tree was built without a host (VerbRunner.Hosting is not set).");
            using var host = hosting.Build(GlobalsOf(parse));
            dataDir = host.Services.GetRequiredService<AppPaths>().DataDir;
            await hosting.PrepareAsync(host.Services, cancellationToken);
            var exitCode = await action(parse, host.Services, cancellationToken);
            await hosting.VerbRanAsync(parse, host.Services, exitCode, cancellationToken);
            return exitCode;
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
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Output.Error("Stopped before finishing; nothing was half-written (each change is one transaction).");
            return ExitCodes.Failure;
        }
        catch (Exception e) when (Shared.DiskSpace.IsDiskFull(e))
        {
            // A known condition, not a bug: one line with the free space and what to do, no technical details.
            Output.Error(Shared.DiskSpace.FullMessage(dataDir ?? GlobalsOf(parse).DataDir ?? "."));
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
            if (Environment.GetEnvironmentVariable("STPCOLLECTOR_DEBUG") is "1")
                Output.Error(e.ToString());
            else
                Output.Error("Nothing was half-written. Set STPCOLLECTOR_DEBUG=1 to see the technical details.");
            return ExitCodes.Failure;
        }
        finally
        {
            await Log.CloseAndFlushAsync();
        }
    }

    public static T Get<T>(this IServiceProvider services) where T : notnull => services.GetRequiredService<T>();
}
