using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Foundation;

/// <summary>db backup never replaces an existing file unless --force says so: an earlier backup may be the only good copy.</summary>
// db backup copies the SQLite file; on PostgreSQL it refuses and names pg_dump.
[Category("SqliteOnly")]
public sealed class BackupOverwriteTests
{
    [Test]
    public async Task Backup_onto_an_existing_file_is_refused_naming_force_and_the_file_is_untouched()
    {
        using var data = new TempDataDir();
        var existing = data.Write("yesterday.db", "yesterday's backup");

        var (exit, stdout, stderr) = await AppProcess.RunAsync(["db", "backup", existing, "--data-dir", data.Path]);

        Assert.That(exit, Is.EqualTo(2), stdout + stderr);
        Assert.That(stderr, Does.Contain($"{existing} already exists").And.Contain("--force"));
        Assert.That(File.ReadAllText(existing), Is.EqualTo("yesterday's backup"));
    }

    [Test]
    public async Task Backup_with_force_replaces_an_existing_file_with_a_good_copy()
    {
        using var data = new TempDataDir();
        var existing = data.Write("yesterday.db", "yesterday's backup");

        var (exit, stdout, stderr) = await AppProcess.RunAsync(["db", "backup", existing, "--force", "--data-dir", data.Path]);

        Assert.That(exit, Is.Zero, stdout + stderr);
        Assert.That(stdout, Does.Contain("Backed up"));
        await using var copy = new SqliteConnection($"Data Source={existing};Pooling=False");
        await copy.OpenAsync();
        Assert.That(await copy.ExecuteScalarAsync<string>("PRAGMA integrity_check"), Is.EqualTo("ok"));
    }
}
