using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StpCollector.Cli;
using StpCollector.Hosting;
using StpCollector.Storage;

namespace StpCollector.Benchmarks;

/// <summary>
/// The app's own host over a data dir (same configuration layers as the CLI, so STPCOLLECTOR__ variables apply):
/// generators migrate, seed and write through the app's services rather than a copy of its schema.
/// </summary>
public sealed class BenchHost : IDisposable
{
    private readonly IHost host;

    private BenchHost(IHost host) => this.host = host;

    public IServiceProvider Services => host.Services;

    public static async Task<BenchHost> StartAsync(string dataDir)
    {
        var host = AppHost.CreateBuilder(new GlobalArguments(dataDir, null), worker: false).Build();
        await AppHost.PrepareAsync(host.Services);
        return new BenchHost(host);
    }

    public T Get<T>() where T : notnull => host.Services.GetRequiredService<T>();

    public Task<System.Data.Common.DbConnection> OpenAsync() => Get<Database>().OpenAsync();

    public void Dispose()
    {
        host.Dispose();
        SqliteConnection.ClearAllPools();
    }
}
