using System.Collections.Concurrent;
using Npgsql;

namespace StpCollector.Tests.Support;

/// <summary>
/// The real PostgreSQL from Debian, run by install/pg-sandbox from a private folder on a free port. One server serves the
/// whole test run, each test gets a database of its own, and GlobalTeardown stops the server by its pid even when tests fail.
/// </summary>
internal sealed class PostgresSandbox
{
    private static readonly Lazy<PostgresSandbox> SharedInstance = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private static bool started;

    private readonly ConcurrentDictionary<string, string> databasesByDataDir = new(StringComparer.Ordinal);

    private PostgresSandbox(string dir, int port)
    {
        Dir = dir;
        Port = port;
    }

    public static PostgresSandbox Shared => SharedInstance.Value;

    /// <summary>Whether a test has started the server (asking does not start it).</summary>
    public static bool IsRunning => SharedInstance.IsValueCreated;

    public string Dir { get; }
    public int Port { get; }

    /// <summary>The server's maintenance database, for creating and dropping test databases.</summary>
    public string AdminConnectionString => Url("postgres");

    public string Url(string database) => $"postgres://postgres@127.0.0.1:{Port}/{database}";

    /// <summary>A new, empty database; StpCollector migrates it on first use.</summary>
    public string CreateDatabase()
    {
        var name = "stpc_" + Guid.NewGuid().ToString("N")[..16];
        using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        command.ExecuteNonQuery();
        return name;
    }

    public void DropDatabase(string name)
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        command.ExecuteNonQuery();
    }

    /// <summary>Remembers which database a data dir's processes use, so a child stpcollector on that dir is pointed at it too.</summary>
    public void Assign(string dataDir, string database) => databasesByDataDir[Path.GetFullPath(dataDir)] = database;

    public void Release(string dataDir) => databasesByDataDir.TryRemove(Path.GetFullPath(dataDir), out _);

    public string? DatabaseFor(string dataDir) => databasesByDataDir.GetValueOrDefault(Path.GetFullPath(dataDir));

    /// <summary>The environment that points a child stpcollector at a database of this server.</summary>
    public Dictionary<string, string> Environment(string database) => new()
    {
        ["STPCOLLECTOR__Storage__Provider"] = "PostgreSql",
        ["STPCOLLECTOR__Storage__ConnectionString"] = Url(database),
    };

    private static PostgresSandbox Start()
    {
        var dir = DirFromEnvironment();
        started = true;
        var port = FreePort.Next();
        Run("start", dir, new Dictionary<string, string> { ["SANDBOX_PG_PORT"] = port.ToString() });
        return new PostgresSandbox(dir, port);
    }

    private static string DirFromEnvironment() =>
        System.Environment.GetEnvironmentVariable("STPCOLLECTOR_TEST_PG_DIR") ?? Path.Combine("/tmp", $"stpc-pg-{System.Environment.ProcessId}");

    /// <summary>Stops the server by its pid. Safe to call when nothing was started.</summary>
    public static void StopIfStarted()
    {
        if (!started)
            return;
        NpgsqlConnection.ClearAllPools();
        Run("stop", SharedInstance.IsValueCreated ? SharedInstance.Value.Dir : DirFromEnvironment());
    }

    private static void Run(string verb, string dir, IDictionary<string, string>? env = null) =>
        SandboxScript.Run("pg-sandbox", verb, dir, env, timeoutSeconds: 90);
}
