using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Rounds;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Web;

public sealed class RoundPagesTests
{
    [Test]
    public async Task With_no_rounds_the_list_says_how_to_create_one_and_unknown_rounds_and_filters_are_refused()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        using var viewer = await server.SignInAsync("viewer@lga.test");

        var (status, page) = await viewer.GetAsync("/rounds");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page, Does.Contain("No rounds yet").And.Contain("stpcollector round create"));
        Assert.That(page, Does.Not.Contain("<table"), "an empty list has no bare headers");

        Assert.That((await viewer.GetAsync("/rounds?status=open")).Body, Does.Contain("No rounds are open"));

        var (bad, badPage) = await viewer.GetAsync("/rounds?status=%3Cb%3Ehalf%3C%2Fb%3E");
        Assert.That(bad, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(badPage, Does.Contain("There is a problem").And.Contain("Choose a status from the list"));

        Assert.That((await viewer.GetAsync("/rounds/STP-R9")).Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await viewer.GetAsync("/rounds/STP-R9/export.csv")).Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await viewer.GetAsync("/rounds/STP-R9/export.pdf")).Status, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task The_round_page_shows_every_council_with_its_return_filters_them_and_exports_the_same_bytes_as_the_verb()
    {
        using var data = new TempDataDir();
        using (var host = await data.StartHostAsync())
        {
            var builder = ReturnsBuilder.For(host);
            KnownRounds.Create(builder);
            builder.Round("<script>alert(1)</script>", "2027-01-04T09:00:00.000Z", "2027-01-29T17:00:00.000Z", [KnownRounds.Camden], status: "scheduled");
        }

        var cliFile = data.File("cli.csv");
        var (exit, _, stderr) = await AppProcess.RunAsync(["export", "STP-R2", "--format", "csv", "--out", cliFile, "--data-dir", data.Path]);
        Assert.That(exit, Is.Zero, stderr);

        await using var server = await ConsoleServer.StartAsync(data);
        using var viewer = await server.SignInAsync("viewer@lga.test");

        var (_, list) = await viewer.GetAsync("/rounds");
        Assert.That(PageAssertions.FirstCells(list, "newest first"), Is.EqualTo(new[] { "<script>alert(1)</script>", "STP-R2", "STP-R1" }));
        PageAssertions.ShowsAsText(list, "&lt;script&gt;alert(1)&lt;/script&gt;");
        Assert.That(PageAssertions.FirstCells((await viewer.GetAsync("/rounds?status=scheduled")).Body, "newest first"), Has.Count.EqualTo(1));
        var hostileLink = PageAssertions.Parse(list).QuerySelectorAll("tbody a").First().GetAttribute("href")!;
        var (hostileStatus, hostile) = await viewer.GetAsync(hostileLink);
        Assert.That(hostileStatus, Is.EqualTo(HttpStatusCode.OK));
        PageAssertions.ShowsAsText(hostile, "Local government involvement (&lt;script&gt;alert(1)&lt;/script&gt;)");
        Assert.That(hostile, Does.Contain($"href=\"{hostileLink}/export.csv\""));

        var progress = await server.Services.GetRequiredService<RoundProgress>().ShowAsync(2, CancellationToken.None);
        var (status, round) = await viewer.GetAsync("/rounds/stp-r2");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(round, Does.Contain($"5 responded (0 late): {progress.Complete} complete, {progress.Partial} partial"));
        Assert.That(PageAssertions.FirstCells(round, "in STP-R2").Select(Name),
            Is.EqualTo(new[] { "Barnet", "Camden", "Hartlepool", "Islington", "Middlesbrough", "Stockton-on-Tees" }));
        var camdenReturn = progress.Councils.Single(c => c.Council.CouncilCode == KnownRounds.Camden).Council.CurrentReturnId;
        Assert.That(round, Does.Contain($"href=\"/returns/{camdenReturn}\"").And.Contain($"href=\"/councils/{KnownRounds.Camden}\""));
        Assert.That(round, Does.Contain("href=\"/rounds/STP-R2/export.csv\"").And.Contain("href=\"/rounds/STP-R2/export.xlsx\""));

        var partial = progress.Councils.Where(c => c.Return == CouncilProgress.Partial).Select(c => c.Council.CouncilName).ToList();
        Assert.That(partial, Is.Not.Empty, "the known round has partial returns (Middlesbrough's invalid Q5 among them)");
        Assert.That(PageAssertions.FirstCells((await viewer.GetAsync("/rounds/STP-R2?return=partial")).Body, "in STP-R2").Select(Name), Is.EqualTo(partial));
        Assert.That(PageAssertions.FirstCells((await viewer.GetAsync("/rounds/STP-R2?return=none")).Body, "in STP-R2").Select(Name),
            Is.EqualTo(new[] { "Stockton-on-Tees" }));
        Assert.That((await viewer.GetAsync("/rounds/STP-R2?late=yes")).Body, Does.Contain("No councils match these filters"));
        var (badStatus, badFilter) = await viewer.GetAsync("/rounds/STP-R2?delivery=lost");
        Assert.That(badStatus, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(badFilter, Does.Contain("Choose failed or bounced"));

        using var csv = await viewer.GetResponseAsync("/rounds/STP-R2/export.csv");
        Assert.That(csv.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(csv.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
        Assert.That(await csv.Content.ReadAsByteArrayAsync(), Is.EqualTo(await File.ReadAllBytesAsync(cliFile)), "the download is the verb's file, byte for byte");
        Assert.That(System.Text.Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()), Does.Contain("'=HYPERLINK"), "formulas neutralised");

        using var xlsx = await viewer.GetResponseAsync("/rounds/STP-R2/export.xlsx");
        Assert.That(xlsx.Content.Headers.ContentDisposition?.FileNameStar ?? xlsx.Content.Headers.ContentDisposition?.FileName, Does.EndWith(".xlsx"));
        var rows = MiniExcelLibs.MiniExcel.Query(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), useHeaderRow: true, sheetName: "Returns")
            .Cast<IDictionary<string, object>>().ToList();
        Assert.That(rows, Has.Count.EqualTo(6));
        Assert.That(rows.Single(r => (string)r["council"] == "Islington")["Q16"], Is.EqualTo("'=HYPERLINK(\"https://evil.test\")"));
    }

    /// <summary>The council's name from the first cell (its code follows it).</summary>
    private static string Name(string cell) => cell.Split(" E0")[0].Trim();
}
