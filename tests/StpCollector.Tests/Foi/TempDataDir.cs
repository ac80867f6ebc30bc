using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using StpCollector.Hosting;

namespace StpCollector.Tests.Foi;

/// <summary>A throwaway --data-dir, optionally with a migrated and seeded app host over it.</summary>
internal sealed class TempDataDir : IDisposable
{
    private IHost? host;

    public string Path { get; } = Directory.CreateTempSubdirectory("stpcollector-foi-").FullName;

    public IServiceProvider Services => host?.Services ?? throw new InvalidOperationException("Call StartAsync first.");

    public async Task StartAsync()
    {
        host = AppHost.CreateBuilder(new GlobalArguments(Path, null), worker: false).Build();
        await AppHost.PrepareAsync(host.Services);
    }

    public string WriteFile(string name, string text)
    {
        var path = System.IO.Path.Combine(Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        host?.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A log file still being flushed; the temp folder is cleaned by the OS later.
        }
    }
}
