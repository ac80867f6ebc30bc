using Dapper;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Reference;
using StpCollector.Storage;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Foundation;

public sealed class ReferenceDataTests
{
    [Test]
    public async Task Councils_list_for_north_central_london_prints_its_five_boroughs()
    {
        using var data = new TempDataDir();
        var (exit, stdout, stderr) = await AppProcess.RunAsync(["councils", "list", "--footprint", "north-central-london", "--json", "--data-dir", data.Path]);

        Assert.That(exit, Is.EqualTo(0), stderr);
        var codes = System.Text.Json.JsonDocument.Parse(stdout).RootElement.EnumerateArray().Select(c => c.GetProperty("code").GetString()).ToList();
        Assert.That(codes, Is.EquivalentTo(new[] { "E09000003", "E09000007", "E09000010", "E09000014", "E09000019" }));
    }

    [Test]
    public async Task London_has_33_councils_in_five_footprints()
    {
        using var data = new TempDataDir();
        using var host = await data.StartHostAsync();
        var councils = await host.Services.GetRequiredService<CouncilDirectory>().ListAsync(region: "London");

        Assert.That(councils, Has.Count.EqualTo(33));
        Assert.That(councils.SelectMany(c => c.FootprintIds).Distinct(), Is.EquivalentTo(new[]
        {
            "north-west-london", "north-central-london", "north-east-london", "south-east-london", "south-west-london",
        }));
        Assert.That(councils.Single(c => c.Code == "E09000001").Name, Is.EqualTo("City of London"));
    }

    [Test]
    public async Task Seeds_load_idempotently_and_keep_44_footprints()
    {
        using var data = new TempDataDir();
        using var host = await data.StartHostAsync();
        var loader = host.Services.GetRequiredService<SeedLoader>();
        await loader.LoadAsync();
        await loader.LoadAsync();

        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
        Assert.That(await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM footprints"), Is.EqualTo(44));
        Assert.That(await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM councils"), Is.GreaterThanOrEqualTo(150));
        Assert.That(await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM councils c WHERE NOT EXISTS (SELECT 1 FROM council_footprints f WHERE f.council_code = c.code)"), Is.Zero);
        Assert.That(await connection.ExecuteScalarAsync<int>("SELECT count(DISTINCT substr(date, 1, 4)) FROM bank_holidays"), Is.EqualTo(15));
        Assert.That(await loader.LoadIfChangedAsync(), Is.Null, "unchanged seeds are not reloaded at start");
    }

    [Test]
    public async Task Footprints_list_shows_the_44_footprints_with_their_council_counts()
    {
        using var data = new TempDataDir();
        var (exit, stdout, stderr) = await AppProcess.RunAsync(["footprints", "list", "--json", "--data-dir", data.Path]);

        Assert.That(exit, Is.EqualTo(0), stderr);
        var footprints = System.Text.Json.JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList();
        Assert.That(footprints, Has.Count.EqualTo(44));
        var ncl = footprints.Single(f => f.GetProperty("id").GetString() == "north-central-london");
        Assert.That(ncl.GetProperty("councils").GetInt64(), Is.EqualTo(5));
        Assert.That(ncl.GetProperty("region").GetString(), Is.EqualTo("London"));
    }

    [Test]
    public async Task An_unknown_footprint_is_refused_with_a_hint()
    {
        using var data = new TempDataDir();
        var (exit, _, stderr) = await AppProcess.RunAsync(["councils", "list", "--footprint", "atlantis", "--data-dir", data.Path]);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("no footprint 'atlantis'").And.Contain("footprints list"));
    }
}
