using Dapper;
using StpCollector.Storage;

namespace StpCollector.Benchmarks.Generators;

/// <summary>
/// add-councils: generated test councils (E99nnnnnn, "Test Council n"), spread over the non-London regions and
/// the existing footprints, each with a lead contact, for data sets larger than England's 152 upper-tier councils.
/// </summary>
public static class TestCouncils
{
    public static async Task<int> RunAsync(Arguments args)
    {
        using var host = await BenchHost.StartAsync(args.Text("data-dir"));
        var added = await AddAsync(host, args.Int("count"));
        Console.WriteLine($"add-councils: {added} test councils");
        return 0;
    }

    public static async Task<IReadOnlyList<string>> EnsureAsync(BenchHost host, int total)
    {
        await using var connection = await host.OpenAsync();
        var existing = (await connection.QuerySingleAsync<int>("SELECT count(*) FROM councils"));
        if (existing < total)
            await AddAsync(host, total - existing);
        await using var again = await host.OpenAsync();
        return (await again.QueryAsync<string>("SELECT code FROM councils ORDER BY code LIMIT @total", new { total })).ToList();
    }

    public static async Task<int> AddAsync(BenchHost host, int count)
    {
        await using var connection = await host.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var regions = (await connection.QueryAsync<string>("SELECT DISTINCT region FROM councils WHERE region <> 'London' ORDER BY region")).ToList();
        var footprints = (await connection.QueryAsync<string>("SELECT id FROM footprints WHERE region <> 'London' ORDER BY id")).ToList();
        var start = await connection.QuerySingleAsync<int>("SELECT count(*) FROM councils WHERE code LIKE 'E99%'");
        var now = DapperSetup.Format(DateTimeOffset.UtcNow);
        for (var i = 1; i <= count; i++)
        {
            var n = start + i;
            var code = CouncilCodes.Generated(n);
            await connection.ExecuteAsync("""
                INSERT INTO councils (code, name, type, region) VALUES (@code, @name, 'unitary', @region);
                INSERT INTO council_footprints (council_code, footprint_id) VALUES (@code, @footprint);
                INSERT INTO contacts (council_code, name, email, role, created_at, updated_at)
                VALUES (@code, @lead, @email, 'lead', @now, @now);
                """, new
            {
                code,
                name = $"Test Council {n}",
                region = regions[n % regions.Count],
                footprint = footprints[n % footprints.Count],
                lead = $"Test Lead {n}",
                email = $"stp.lead@test-council-{n}.gov.test",
                now,
            }, transaction);
        }

        await transaction.CommitAsync();
        return count;
    }
}
