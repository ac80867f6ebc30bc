using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StpCollector.Rounds;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Ingestion;

/// <summary>
/// The import on PostgreSQL (binary COPY in batches) against the import on SQLite (row by row): the same file gives the
/// same returns, supersessions and answers, and an import that stops midway leaves nothing behind. These run on both
/// passes: each test starts its own PostgreSQL database on the shared sandbox.
/// </summary>
// Chooses its stores itself (PostgreSQL, or both side by side): it runs once, in install/test's first pass.
[Category("ChoosesItsStore")]
public sealed class BulkImportPostgresTests
{
    /// <summary>Everything an import writes, with ids replaced by what they point at, so that two stores compare.</summary>
    private const string Stored = """
        SELECT d.reference AS Reference, r.council_code AS Council, r.source AS Source, r.provenance AS Provenance, r.late AS Late,
               r.is_current AS IsCurrent, CASE WHEN r.received_at = r.created_at THEN 'same' ELSE 'different' END AS Times,
               s.provenance AS SupersededBy, a.question_id AS Question, a.raw_value AS Raw, a.value AS Value, a.number_value AS Number,
               a.status AS Status, a.problem AS Problem, a.note AS Note, a.comment AS Comment
        FROM answers a JOIN returns r ON r.id = a.return_id JOIN rounds d ON d.id = r.round_id LEFT JOIN returns s ON s.id = r.superseded_by
        ORDER BY d.reference, r.id, a.question_id
        """;

    private sealed record Row
    {
        public string Reference { get; init; } = "";
        public string Council { get; init; } = "";
        public string Source { get; init; } = "";
        public string Provenance { get; init; } = "";
        public long Late { get; init; }
        public long IsCurrent { get; init; }
        public string Times { get; init; } = "";
        public string? SupersededBy { get; init; }
        public string Question { get; init; } = "";
        public string? Raw { get; init; }
        public string? Value { get; init; }
        public double? Number { get; init; }
        public string Status { get; init; } = "";
        public string? Problem { get; init; }
        public string? Note { get; init; }
        public string? Comment { get; init; }
    }

    [Test]
    public async Task The_same_file_imported_twice_stores_the_same_returns_and_answers_on_PostgreSQL_as_on_SQLite()
    {
        using var sqlite = await ImportedTwiceAsync(postgres: false);
        using var postgres = await ImportedTwiceAsync(postgres: true);

        var expected = await RowsAsync(sqlite.World);
        var actual = await RowsAsync(postgres.World);

        // Twice: the second import supersedes every current return of the first (rows already in the table) as well as
        // its own earlier blocks for the same council (within a batch and across batches).
        Assert.That(expected, Has.Count.EqualTo(2 * 20_000));
        Assert.That(expected.Count(r => r.IsCurrent == 1), Is.EqualTo(16 * sqlite.Councils));
        Assert.That(expected.Count(r => r.SupersededBy is null), Is.EqualTo(16 * sqlite.Councils));
        Assert.That(expected.Select(r => r.Status).Distinct(), Is.EquivalentTo(new[] { "valid", "invalid", "missing" }));
        Assert.That(actual, Is.EqualTo(expected));
        Assert.That(postgres.Summaries, Is.EqualTo(sqlite.Summaries));
    }

    [Test]
    public async Task A_cancelled_import_on_PostgreSQL_leaves_no_rows_though_batches_were_already_written()
    {
        using var world = await IngestionWorld.StartAsync(data: new TempDataDir(postgres: true));
        var councils = await world.QueryAsync<string>("SELECT code FROM councils ORDER BY code");
        await world.CreateRoundAsync("STP-R9", [.. councils]);
        var file = BulkImportTests.Generate(world.Data.File("returns.csv"), councils);
        using var cancelled = new CancellationTokenSource();

        Assert.CatchAsync<OperationCanceledException>(() => world.Services.GetRequiredService<BulkImporter>().ImportAsync(file, "STP-R9", _ => { }, (_, rows) =>
        {
            if (rows > 0)
                cancelled.Cancel();
        }, cancelled.Token));

        // Sequences ignore rollbacks: ids drawn show that batches went to the server before the cancel.
        Assert.That(await world.ScalarAsync<long>("SELECT last_value FROM returns_id_seq"), Is.GreaterThanOrEqualTo(500));
        Assert.That(await world.ScalarAsync<long>("SELECT count(*) FROM returns"), Is.Zero);
        Assert.That(await world.ScalarAsync<long>("SELECT count(*) FROM answers"), Is.Zero);
    }

    [Test]
    public async Task A_failure_on_the_writing_side_near_the_end_rolls_back_every_batch_and_says_why()
    {
        using var world = await IngestionWorld.StartAsync(data: new TempDataDir(postgres: true));
        var councils = await world.QueryAsync<string>("SELECT code FROM councils ORDER BY code");
        await world.CreateRoundAsync("STP-R9", [.. councils]);
        var file = BulkImportTests.Generate(world.Data.File("returns.csv"), councils);
        // The server refuses one answer of the last blocks, as it would a full disk or a broken connection.
        await world.ScalarAsync<object?>("""
            CREATE FUNCTION refuse_answer() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'answer refused for the test'; END $$;
            CREATE TRIGGER refuse_answer BEFORE INSERT ON answers FOR EACH ROW WHEN (NEW.return_id >= 1200 AND NEW.raw_value = 'Maybe') EXECUTE FUNCTION refuse_answer();
            """);

        var failure = Assert.CatchAsync<PostgresException>(() =>
            world.Services.GetRequiredService<BulkImporter>().ImportAsync(file, "STP-R9", _ => { }, null, CancellationToken.None));

        Assert.That(failure!.MessageText, Is.EqualTo("answer refused for the test"));
        Assert.That(await world.ScalarAsync<long>("SELECT last_value FROM returns_id_seq"), Is.GreaterThanOrEqualTo(1200));
        Assert.That(await world.ScalarAsync<long>("SELECT count(*) FROM returns"), Is.Zero);
        Assert.That(await world.ScalarAsync<long>("SELECT count(*) FROM answers"), Is.Zero);
    }

    private static async Task<List<Row>> RowsAsync(IngestionWorld world)
    {
        await using var connection = await world.OpenAsync();
        return (await connection.QueryAsync<Row>(Stored)).ToList();
    }

    private sealed record Imported(IngestionWorld World, int Councils, List<BulkImporter.Summary> Summaries) : IDisposable
    {
        public void Dispose() => World.Dispose();
    }

    private static async Task<Imported> ImportedTwiceAsync(bool postgres)
    {
        var world = await IngestionWorld.StartAsync(data: new TempDataDir(postgres));
        var councils = await world.QueryAsync<string>("SELECT code FROM councils ORDER BY code");
        await world.CreateRoundAsync("STP-R9", [.. councils]);
        var file = BulkImportTests.Generate(world.Data.File("returns.csv"), councils);
        var importer = world.Services.GetRequiredService<BulkImporter>();
        var summaries = new List<BulkImporter.Summary>();
        for (var time = 0; time < 2; time++)
            summaries.Add((await importer.ImportAsync(file, "STP-R9", _ => { }, null, CancellationToken.None)) with { File = "" });
        return new Imported(world, councils.Count, summaries);
    }
}
