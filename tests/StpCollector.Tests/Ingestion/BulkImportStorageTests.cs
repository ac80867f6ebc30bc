using Microsoft.Extensions.DependencyInjection;
using StpCollector.Rounds;
using StpCollector.Storage;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Ingestion;

/// <summary>
/// A large import skips the per-row foreign-key probe and builds the answers index once at the end: what it stores
/// must be exactly what the row-by-row path stores, the database must check clean, and the connection it used must
/// go back to the pool with foreign keys on.
/// </summary>
// The SQLite import's own storage tricks (foreign keys off, the answers index deferred).
[Category("SqliteOnly")]
public sealed class BulkImportStorageTests
{
    private const string Answers = """
        SELECT r.council_code, r.provenance, r.is_current, r.superseded_by IS NULL, a.question_id, a.raw_value, a.value, a.number_value, a.status, a.problem, a.note, a.comment
        FROM answers a JOIN returns r ON r.id = a.return_id JOIN rounds d ON d.id = r.round_id
        WHERE d.reference = 'STP-R9' ORDER BY r.id, a.question_id
        """;

    [Test]
    public async Task A_file_large_against_the_table_stores_the_same_answers_as_one_small_against_it_and_leaves_everything_checked()
    {
        // Fresh: the 20,000-answer file dwarfs an empty table, so the index is built at the end.
        using var fresh = await ImportedAsync(earlierRound: false);
        // The same file after an earlier round of the same size: the table is already as large, so rows go in with the index.
        using var grown = await ImportedAsync(earlierRound: true);

        var freshAnswers = await fresh.QueryAsync<(string, string, long, long, string, string?, string?, double?, string, string?, string?, string?)>(Answers);
        var grownAnswers = await grown.QueryAsync<(string, string, long, long, string, string?, string?, double?, string, string?, string?, string?)>(Answers);
        Assert.That(freshAnswers, Has.Count.EqualTo(20_000));
        Assert.That(freshAnswers, Is.EqualTo(grownAnswers));
        if (TestProvider.IsPostgreSql)
            return; // PostgreSQL keeps its keys and index on through COPY: BulkImportPostgresTests.
        foreach (var world in new[] { fresh, grown })
        {
            Assert.That(await world.ScalarAsync<string>("PRAGMA integrity_check"), Is.EqualTo("ok"));
            Assert.That(await world.QueryAsync<string>("SELECT \"table\" FROM pragma_foreign_key_check"), Is.Empty);
            Assert.That(await world.ScalarAsync<string>("SELECT sql FROM sqlite_master WHERE name = 'ix_answers_question'"),
                Is.EqualTo("CREATE INDEX ix_answers_question ON answers (question_id, status)"));
            var plan = await world.QueryAsync<(long Id, long Parent, long Unused, string Detail)>(
                "EXPLAIN QUERY PLAN SELECT count(*) FROM answers WHERE question_id = 'Q1' AND status = 'valid'");
            Assert.That(plan.Select(p => p.Detail), Has.Some.Contains("ix_answers_question"));
        }
    }

    [Test]
    public async Task The_connection_an_import_used_goes_back_to_the_pool_with_foreign_keys_on_even_when_the_import_fails()
    {
        if (TestProvider.IsPostgreSql)
            Assert.Ignore("SQLite's foreign-key pragma; PostgreSQL's rollback is checked in BulkImportPostgresTests.");
        using var world = await IngestionWorld.StartAsync();
        var councils = await world.QueryAsync<string>("SELECT code FROM councils ORDER BY code");
        await world.CreateRoundAsync("STP-R9", [.. councils]);
        var file = BulkImportTests.Generate(world.Data.File("returns.csv"), councils);
        var importer = world.Services.GetRequiredService<BulkImporter>();
        var database = world.Services.GetRequiredService<Database>();

        await importer.ImportAsync(file, "STP-R9", _ => { }, null, CancellationToken.None);
        Assert.That(await ForeignKeysAsync(database), Is.EqualTo(1));

        using var cancelled = new CancellationTokenSource();
        Assert.CatchAsync<OperationCanceledException>(() => importer.ImportAsync(file, "STP-R9", _ => { }, (_, rows) =>
        {
            if (rows > 0)
                cancelled.Cancel();
        }, cancelled.Token));
        Assert.That(await ForeignKeysAsync(database), Is.EqualTo(1));
        Assert.That(await world.ScalarAsync<long>("SELECT count(*) FROM sqlite_master WHERE name = 'ix_answers_question'"), Is.EqualTo(1), "the rollback restored the index");
    }

    private static async Task<long> ForeignKeysAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA foreign_keys";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<IngestionWorld> ImportedAsync(bool earlierRound)
    {
        var world = await IngestionWorld.StartAsync();
        var councils = await world.QueryAsync<string>("SELECT code FROM councils ORDER BY code");
        await world.CreateRoundAsync("STP-R9", [.. councils]);
        var file = BulkImportTests.Generate(world.Data.File("returns.csv"), councils);
        var importer = world.Services.GetRequiredService<BulkImporter>();
        if (earlierRound)
        {
            await world.CreateRoundAsync("STP-R8", [.. councils]);
            await importer.ImportAsync(file, "STP-R8", _ => { }, null, CancellationToken.None);
        }

        await importer.ImportAsync(file, "STP-R9", _ => { }, null, CancellationToken.None);
        return world;
    }
}
