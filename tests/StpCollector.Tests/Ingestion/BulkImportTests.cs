using System.Data.Common;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using StpCollector.Ingestion;
using StpCollector.Rounds;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Ingestion;

public sealed class BulkImportTests
{
    private static readonly string[] Answers =
    [
        "Yes", "Partly", "No", "Yes", "Closely involved", "\"Chief executive; Director of public health\"", "Yes", "No", "4%",
        "One Public Estate", "None", "Seconded staff", "12", "https://www.council.gov.test/stp", "4", "\"Help with \"\"control totals\"\", please\"",
    ];

    /// <summary>
    /// 1,250 council blocks of 16 rows (20,000 rows) over every council in the seeds, with four rows that cannot be
    /// stored: an unknown council (line 100), an unknown question (line 2000), another round (line 3000), and a
    /// duplicate answer (the last line, 20002). Every 100th block answers Q1 "Maybe", which is stored as invalid.
    /// </summary>
    internal static string Generate(string path, IReadOnlyList<string> councils)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.Write("council_code,round,question_id,question,answer\n");
        var line = 1;
        for (var block = 0; block < 1250; block++)
        {
            for (var q = 1; q <= 16; q++)
            {
                line++;
                var council = line == 100 ? "E99999999" : councils[block % councils.Count];
                var round = line == 3000 ? "STP-R1" : "STP-R9";
                var question = line == 2000 ? "Q77" : $"Q{q}";
                var answer = q == 1 && block % 100 == 0 ? "Maybe" : Answers[q - 1];
                writer.Write($"{council},{round},{question},\"Question {q}, as in the template\",{answer}\n");
            }
        }

        writer.Write($"{councils[1249 % councils.Count]},STP-R9,Q16,\"again\",Yes\n");
        return path;
    }

    [Test]
    public async Task Import_of_20000_rows_stores_every_block_and_reports_each_rejected_row_with_its_line()
    {
        using var world = await IngestionWorld.StartAsync();
        var councils = await world.QueryAsync<string>("SELECT code FROM councils ORDER BY code");
        var roundId = await world.CreateRoundAsync("STP-R9", [.. councils]);
        var file = Generate(world.Data.File("returns-20k.csv"), councils);
        world.Host.Dispose();

        var (exit, stdout, stderr) = await AppProcess.RunAsync(["import", file, "--round", "STP-R9", "--data-dir", world.Data.Path]);

        Assert.That(exit, Is.EqualTo(0), stderr);
        var rejected = stdout.Split('\n').Where(l => l.Contains("row not stored")).ToList();
        Assert.That(rejected, Has.Count.EqualTo(4));
        Assert.That(rejected[0], Does.StartWith("line 100: unknown council 'E99999999'"));
        Assert.That(rejected[1], Does.StartWith("line 2000: there is no question 'Q77'"));
        Assert.That(rejected[2], Does.StartWith("line 3000: the row is for round 'STP-R1', not STP-R9"));
        Assert.That(rejected[3], Does.StartWith("line 20002: Q16 for").And.Contain("already answered on line 20001"));
        Assert.That(stdout.Split('\n').Count(l => l.Contains("stored as invalid")), Is.EqualTo(13));
        var expectedReplaced = 1250 - councils.Count;
        Assert.That(stdout, Does.Contain($"20,001 rows read, 1,250 returns stored ({expectedReplaced:N0} replacing earlier ones), 20,000 answers (19,984 valid, 13 invalid, 3 missing), 4 rows rejected"));
        Assert.That(stderr, Does.Not.Contain("["), "no progress bar when stderr is not a terminal");

        await using var connection = TestDatabase.Open(world.Data.Path);
        Assert.That(await Scalar(connection, "SELECT count(*) FROM returns WHERE round_id = " + roundId), Is.EqualTo(1250));
        Assert.That(await Scalar(connection, "SELECT count(*) FROM returns WHERE is_current = 1"), Is.EqualTo(councils.Count));
        Assert.That(await Scalar(connection, "SELECT count(*) FROM returns WHERE is_current = 0 AND superseded_by IS NULL"), Is.Zero);
        Assert.That(await Scalar(connection, "SELECT count(*) FROM answers WHERE status = 'valid' AND question_id = 'Q6' AND value = 'chief_executive;dph'"), Is.EqualTo(1250));
        Assert.That(await Scalar(connection, "SELECT count(*) FROM answers WHERE question_id = 'Q16' AND value = 'Help with \"control totals\", please'"), Is.EqualTo(1250));
    }

    private static async Task<long> Scalar(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Test]
    public async Task A_wide_xlsx_imports_one_return_per_row_and_names_unknown_councils_and_columns()
    {
        using var world = await IngestionWorld.StartAsync();
        await world.CreateRoundAsync("STP-R9", ["E09000007", "E09000019"]);
        var path = world.Data.File("wide.xlsx");
        MiniExcel.SaveAs(path, new[]
        {
            new Dictionary<string, object> { ["council_code"] = "E09000007", ["Q1"] = "Yes", ["Q2"] = "No", ["Q42"] = "x", ["Q9"] = 0.25 },
            new Dictionary<string, object> { ["council_code"] = "Islington", ["Q1"] = "partly", ["Q2"] = "Yes", ["Q42"] = "x", ["Q9"] = "12%" },
            new Dictionary<string, object> { ["council_code"] = "Atlantis", ["Q1"] = "Yes", ["Q2"] = "Yes", ["Q42"] = "x", ["Q9"] = "1" },
        });
        var problems = new List<BulkImporter.Problem>();

        var summary = await world.Services.GetRequiredService<BulkImporter>().ImportAsync(path, "STP-R9", problems.Add, null, CancellationToken.None);

        Assert.That(summary.Returns, Is.EqualTo(2));
        Assert.That(summary.Rejected, Is.EqualTo(1));
        Assert.That(problems.Select(p => p.Message), Has.Some.Contains("column 4 ('Q42') is not a question").And.Some.Contains("unknown council 'Atlantis'"));
        Assert.That(problems.Single(p => p.Rejected).Line, Is.EqualTo(4));
        Assert.That(await world.ScalarAsync<string>("SELECT a.value FROM answers a JOIN returns r ON r.id = a.return_id WHERE r.council_code = 'E09000019' AND a.question_id = 'Q1'"), Is.EqualTo("partly"));
        Assert.That(await world.ScalarAsync<double>("SELECT a.number_value FROM answers a JOIN returns r ON r.id = a.return_id WHERE r.council_code = 'E09000007' AND a.question_id = 'Q9'"), Is.EqualTo(25.0));
    }

    [Test]
    public async Task Import_names_a_file_it_cannot_read_and_a_round_that_does_not_exist()
    {
        using var world = await IngestionWorld.StartAsync();
        await world.CreateRoundAsync("STP-R9", ["E09000007"]);
        var dupes = world.Data.Write("dupes.csv", "council_code,answer,question_id,answer\nE09000007,Yes,Q1,No\n");
        world.Host.Dispose();

        var (exit, _, stderr) = await AppProcess.RunAsync(["import", dupes, "--round", "STP-R9", "--data-dir", world.Data.Path]);
        var (noRound, _, noRoundErr) = await AppProcess.RunAsync(["import", dupes, "--round", "STP-R404", "--data-dir", world.Data.Path]);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain("the column 'answer' appears twice (columns 2 and 4)"));
        Assert.That(noRound, Is.EqualTo(2));
        Assert.That(noRoundErr, Does.Contain("There is no round 'STP-R404'"));
    }
}
