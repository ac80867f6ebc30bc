using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StpCollector.Cli;
using StpCollector.Jobs;
using StpCollector.Shared;
using StpCollector.Web;

namespace StpCollector.Hosting;

/// <summary>The host that serves the staff console with Kestrel, with or without the worker's sweeps beside it.</summary>
internal static class ConsoleHost
{
    public static bool IsEnabled(GlobalArguments global) =>
        AppHost.ReadConfiguration(global).GetSection(WebOptions.Section).GetValue(nameof(WebOptions.Enabled), defaultValue: true);

    public static WebApplication Build(GlobalArguments global, bool worker, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
            EnvironmentName = Environments.Production,
        });
        var paths = AppHost.Configure(builder, global, worker);
        var options = builder.Configuration.GetSection(WebOptions.Section).Get<WebOptions>() ?? new WebOptions();
        builder.WebHost.UseKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.WebHost.UseUrls([.. options.UrlList]);
        builder.Services.AddConsole(options, paths);
        builder.Services.AddHostedService<ConsoleAnnouncer>();
        builder.Services.AddBackgroundJobRunner();
        services?.Invoke(builder.Services);
        var app = builder.Build();
        // Before the pipeline reads its settings: a wrong value becomes one line naming its key, not a stack trace.
        OptionsRegistration.ValidateAll(app.Services);
        app.UseConsole();
        return app;
    }
}

/// <summary>Once Kestrel listens, prints where the console is and, on a new installation, how to create the first account.</summary>
internal sealed class ConsoleAnnouncer(IServer server, IHostApplicationLifetime lifetime, Accounts.StaffUserStore users,
    Microsoft.Extensions.Options.IOptions<WebOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = AnnounceAsync());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task AnnounceAsync()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var shown = options.Value.PublicBaseUrl.Length > 0 ? [options.Value.PublicBaseUrl] : addresses;
        var text = $"Console: {string.Join(", ", shown)}{(options.Value.PublicBaseUrl.Length > 0 ? $" (listening on {string.Join(", ", addresses)})" : "")}";
        if ((await users.ListAsync()).Count == 0)
            text += Environment.NewLine + "No staff accounts yet. Create the first with: stpcollector users add you@example.gov.uk --role admin";
        // One write, so whoever reads the address also sees the hint.
        Console.Out.WriteLine(text);
    }
}
