using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Storage;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Foundation;

public sealed class StorageTests
{
    [Test]
    [Category("SqliteOnly")]
    public async Task Migrations_record_the_schema_version_and_turn_on_wal_and_foreign_keys()
    {
        using var data = new TempDataDir();
        using var host = await data.StartHostAsync();
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();

        Assert.That(await connection.ExecuteScalarAsync<int>("PRAGMA user_version"), Is.EqualTo(Migrator.LatestVersion));
        Assert.That(await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"), Is.EqualTo("wal"));
        Assert.That(await connection.ExecuteScalarAsync<int>("PRAGMA foreign_keys"), Is.EqualTo(1));
        Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteAsync(
            "INSERT INTO contacts (council_code, name, email, role, created_at, updated_at) VALUES ('X', 'n', 'e@x.test', 'lead', '', '')"));
    }

    [Test]
    public async Task A_database_from_a_newer_release_is_refused_clearly()
    {
        using var data = new TempDataDir();
        using (var host = await data.StartHostAsync())
        await using (var connection = await host.Services.GetRequiredService<Database>().OpenAsync())
            await connection.ExecuteAsync("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', '')");
        SqliteConnection.ClearAllPools();

        var (exit, _, stderr) = await AppProcess.RunAsync(["db", "migrate", "--data-dir", data.Path]);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain("schema version 9999").And.Contain("newer release"));
    }

    [Test]
    [Category("SqliteOnly")]
    public async Task Backup_makes_a_consistent_copy_while_another_connection_writes()
    {
        using var data = new TempDataDir();
        using var host = await data.StartHostAsync();
        await using var writer = await host.Services.GetRequiredService<Database>().OpenAsync();
        await writer.ExecuteAsync("INSERT INTO app_meta (key, value) VALUES ('marker', 'before-backup')");
        await using var open = await writer.BeginTransactionAsync();
        await writer.ExecuteAsync("INSERT INTO app_meta (key, value) VALUES ('uncommitted', 'x')", transaction: open);

        var (exit, stdout, stderr) = await AppProcess.RunAsync(["db", "backup", data.File("copy.db"), "--data-dir", data.Path]);

        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("Backed up"));
        await using var copy = new SqliteConnection($"Data Source={data.File("copy.db")};Pooling=False");
        await copy.OpenAsync();
        Assert.That(await copy.ExecuteScalarAsync<string>("SELECT value FROM app_meta WHERE key = 'marker'"), Is.EqualTo("before-backup"));
        Assert.That(await copy.ExecuteScalarAsync<int>("SELECT count(*) FROM app_meta WHERE key = 'uncommitted'"), Is.Zero);
        Assert.That(await copy.ExecuteScalarAsync<string>("PRAGMA integrity_check"), Is.EqualTo("ok"));
    }
}
