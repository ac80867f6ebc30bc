using System.CommandLine;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Serilog;
using StpCollector.Cli;
using StpCollector.Shared;

namespace StpCollector.Hosting;

/// <summary>`stpcollector web`: serves the staff console without the sweeps (another process, or none, runs the worker).</summary>
internal static class ConsoleCommand
{
    public static Command Build()
    {
        var web = new Command("web", "Serve the staff console only, without the worker's sweeps (Web:Urls says where)");
        web.SetAction(RunAsync);
        return web;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        IHostApplicationLifetime? lifetime = null;
        try
        {
            await using var app = ConsoleHost.Build(VerbRunner.GlobalsOf(parse), worker: false);
            lifetime = app.Lifetime;
            await AppHost.PrepareAsync(app.Services, cancellationToken);
            await app.RunAsync(cancellationToken);
            return ExitCodes.Ok;
        }
        catch (IOException e) when (IsAddressInUse(e))
        {
            Output.Error(AddressInUseMessage(e));
            return ExitCodes.Failure;
        }
        catch (Problem e)
        {
            Output.Error(e.Message);
            return ExitCodes.For(e);
        }
        catch (UserFacingException e)
        {
            Output.Error(e.Message);
            return e.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested || lifetime?.ApplicationStopping.IsCancellationRequested == true)
        {
            // Stopped (SIGTERM, Ctrl-C) before it had finished starting: a clean stop all the same.
            return ExitCodes.Ok;
        }
        finally
        {
            await Log.CloseAndFlushAsync();
        }
    }

    public static bool IsAddressInUse(IOException e) =>
        e.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }
        || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase);

    public static string AddressInUseMessage(IOException e) =>
        $"The console could not start: {e.Message.TrimEnd('.')}. Another program (or another StpCollector) is using that port. " +
        "Choose another with Web:Urls (e.g. STPCOLLECTOR__Web__Urls=http://127.0.0.1:5081), or run the worker without the console with Web:Enabled=false.";
}
