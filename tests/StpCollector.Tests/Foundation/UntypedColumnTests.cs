using Dapper;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Rounds;
using StpCollector.Storage;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Foundation;

/// <summary>
/// SQLite gives computed columns no type, so an empty aggregate or a NULL first row reaches Dapper as byte[]; positional
/// records must still be built (this stopped `round list` on a new installation with "unexpected problem").
/// </summary>
public sealed class UntypedColumnTests
{
    private sealed record Counted(long Id, long Total, string? Note);

    [Test]
    public async Task Positional_records_are_read_from_an_empty_aggregate_and_from_a_first_row_of_nulls()
    {
        using var data = new TempDataDir();
        await data.StartAsync();
        await using var connection = await data.Services.GetRequiredService<Database>().OpenAsync();

        var none = await connection.QueryAsync<Counted>("SELECT id AS Id, count(*) AS Total, max(title) AS Note FROM rounds GROUP BY id");
        var nullsFirst = await connection.QueryAsync<Counted>("""
            SELECT 1 AS Id, NULL AS Total, NULL AS Note UNION ALL SELECT 2, 5, 'five' ORDER BY 1
            """);

        Assert.That(none, Is.Empty);
        Assert.That(nullsFirst, Is.EqualTo(new[] { new Counted(1, 0, null), new Counted(2, 5, "five") }));
        Assert.That(await data.Services.GetRequiredService<RoundQueries>().ListAsync(RoundStatus.Closed, CancellationToken.None), Is.Empty);
    }
}
