using System.Data.Common;
using System.Text;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Ingestion;

/// <summary>import prints the first 20 problems and a count; --problems FILE has every one of them as CSV.</summary>
public sealed class ImportProblemsTests
{
    /// <summary>One good row for Camden, then 24 rows for unknown councils (lines 3-26), one a formula.</summary>
    private static async Task<(IngestionWorld World, string File)> FileWith24UnknownCouncilsAsync()
    {
        var world = await IngestionWorld.StartAsync();
        await world.CreateRoundAsync("STP-R9", ["E09000007"]);
        world.Host.Dispose();
        var text = new StringBuilder("council_code,round,question_id,question,answer\nE09000007,STP-R9,Q1,Q1,Yes\n");
        for (var i = 1; i <= 23; i++)
            text.Append($"E99{i:000000},STP-R9,Q1,Q1,Yes\n");
        text.Append("=HYPERLINK(\"x\"),STP-R9,Q1,Q1,Yes\n");
        return (world, world.Data.Write("returns.csv", text.ToString()));
    }

    [Test]
    public async Task Import_prints_the_first_20_problems_then_says_how_many_more_and_how_to_get_them()
    {
        var (world, file) = await FileWith24UnknownCouncilsAsync();
        using var _ = world;

        var (exit, stdout, stderr) = await AppProcess.RunAsync(["import", file, "--round", "STP-R9", "--data-dir", world.Data.Path]);

        Assert.That(exit, Is.Zero, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines.Count(l => l.StartsWith("line ", StringComparison.Ordinal)), Is.EqualTo(20));
        Assert.That(lines[0], Is.EqualTo("line 3: unknown council 'E99000001'; row not stored"));
        Assert.That(lines[20], Is.EqualTo("... and 4 more problems: write them all with --problems FILE"));
        Assert.That(lines[21], Does.StartWith("Imported ").And.Contain("24 rows rejected"));
    }

    [Test]
    public async Task Import_with_problems_file_writes_every_problem_as_csv_with_line_council_question_and_problem()
    {
        var (world, file) = await FileWith24UnknownCouncilsAsync();
        using var _ = world;
        var problems = world.Data.File("problems.csv");

        var (exit, stdout, stderr) = await AppProcess.RunAsync(["import", file, "--round", "STP-R9", "--problems", problems, "--data-dir", world.Data.Path]);

        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain($"... and 4 more problems: all 24 problems written to {problems}"));
        var csv = File.ReadAllLines(problems, Encoding.UTF8);
        Assert.That(csv, Has.Length.EqualTo(25));
        Assert.That(csv[0], Is.EqualTo("line,council,question,problem"));
        Assert.That(csv[1], Is.EqualTo("3,E99000001,,unknown council 'E99000001'; row not stored"));
        Assert.That(csv[24], Does.StartWith("26,\"'=HYPERLINK(\"\"x\"\")\","), "a formula is neutralised");
    }

    [Test]
    public async Task A_problems_file_in_a_missing_folder_is_refused_before_anything_is_imported()
    {
        var (world, file) = await FileWith24UnknownCouncilsAsync();
        using var _ = world;

        var (exit, stdout, stderr) = await AppProcess.RunAsync(["import", file, "--round", "STP-R9", "--problems", world.Data.File("no/such/problems.csv"), "--data-dir", world.Data.Path]);

        Assert.That(exit, Is.EqualTo(2), stdout + stderr);
        Assert.That(stderr, Does.Contain("does not exist"));
        Assert.That(await ScalarAsync(world, "SELECT count(*) FROM returns"), Is.Zero);
    }

    private static async Task<long> ScalarAsync(IngestionWorld world, string sql)
    {
        await using var connection = TestDatabase.Open(world.Data.Path);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
