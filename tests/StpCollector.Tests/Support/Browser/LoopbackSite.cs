using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace StpCollector.Tests.Support.Browser;

/// <summary>A real Kestrel on 127.0.0.1 with a port of its own, serving what the test maps; stopped on dispose.</summary>
internal sealed class LoopbackSite : IAsyncDisposable
{
    private readonly WebApplication app;

    private LoopbackSite(WebApplication app)
    {
        this.app = app;
        BaseUrl = app.Urls.Single();
    }

    /// <summary>The bound address, e.g. http://127.0.0.1:41234 (no trailing slash).</summary>
    public string BaseUrl { get; }

    public static async Task<LoopbackSite> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return new LoopbackSite(app);
    }

    public string Url(string path) => BaseUrl + path;

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
