using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StpCollector.Cli;
using StpCollector.Hosting;

namespace StpCollector.Tests.Support;

/// <summary>
/// A fresh data directory (real SQLite file) per test, removed afterwards. On the PostgreSQL pass (<see cref="TestProvider"/>)
/// it comes with a fresh database of its own on the shared server, used by in-process hosts and child processes alike.
/// </summary>
internal sealed class TempDataDir : IDisposable
{
    private readonly List<string> innerDataDirs = [];
    private IHost? host;

    public TempDataDir()
        : this(TestProvider.IsPostgreSql)
    {
    }

    /// <summary>A dir on the given store whatever the pass, for tests that compare the two.</summary>
    public TempDataDir(bool postgres)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "stpc-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
        if (postgres)
        {
            PostgresDatabase = PostgresSandbox.Shared.CreateDatabase();
            PostgresSandbox.Shared.Assign(Path, PostgresDatabase);
        }
    }

    public string Path { get; }

    /// <summary>This dir's database on the PostgreSQL pass; null on SQLite.</summary>
    public string? PostgresDatabase { get; }

    /// <summary>The settings that point a host at this dir's store (none on SQLite, where the file in the dir is the default).</summary>
    public Dictionary<string, string?> StorageSettings() => PostgresDatabase is null
        ? []
        : new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "PostgreSql",
            ["Storage:ConnectionString"] = PostgresSandbox.Shared.Url(PostgresDatabase),
        };

    /// <summary>The services of the host started by <see cref="StartAsync"/>, disposed with this directory.</summary>
    public IServiceProvider Services => host?.Services ?? throw new InvalidOperationException("Call StartAsync first.");

    public async Task StartAsync(IDictionary<string, string?>? settings = null) => host = await StartHostAsync(settings);

    public string WriteFile(string name, string content) => Write(name, content);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>
    /// A data dir inside this one that does not exist yet (a new installation's first command); on the PostgreSQL pass it is
    /// pointed at this dir's database, so the command under test creates and migrates the store there.
    /// </summary>
    public string NewDataDir(string name)
    {
        var dir = File(name);
        if (PostgresDatabase is not null)
        {
            PostgresSandbox.Shared.Assign(dir, PostgresDatabase);
            innerDataDirs.Add(dir);
        }

        return dir;
    }

    public string Write(string name, string content, System.Text.Encoding? encoding = null)
    {
        var file = File(name);
        System.IO.File.WriteAllText(file, content, encoding ?? new System.Text.UTF8Encoding(false));
        return file;
    }

    /// <summary>
    /// A host over this data dir with the settings given as KEY=VALUE overrides, migrated and seeded.
    /// <paramref name="services"/> may replace registrations, e.g. the TimeProvider with a <see cref="ManualClock"/>.
    /// </summary>
    public async Task<IHost> StartHostAsync(IDictionary<string, string?>? settings = null, bool worker = false, Action<IServiceCollection>? services = null)
    {
        string? config = null;
        var all = new Dictionary<string, string?>(StorageSettings());
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            all[key] = value;
        if (all.Count > 0)
            config = TestConfig.Write(this, all);
        var builder = AppHost.CreateBuilder(new GlobalArguments(Path, config), worker);
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await AppHost.PrepareAsync(host.Services);
        return host;
    }

    public void Dispose()
    {
        host?.Dispose();
        SqliteConnection.ClearAllPools();
        if (PostgresDatabase is not null)
        {
            PostgresSandbox.Shared.Release(Path);
            foreach (var dir in innerDataDirs)
                PostgresSandbox.Shared.Release(dir);
            PostgresSandbox.Shared.DropDatabase(PostgresDatabase);
        }

        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process under test may still hold a log file for a moment; the OS temp cleaner takes the rest.
        }
    }
}
