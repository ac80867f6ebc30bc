using Dapper;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Storage;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Foundation;

public sealed class TimestampParameterTests
{
    [Test]
    public async Task DateTimeOffset_and_DateOnly_parameters_are_stored_as_fixed_width_text()
    {
        using var data = new TempDataDir();
        using var host = await data.StartHostAsync();
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
        var summer = new DateTimeOffset(2027, 6, 1, 9, 0, 0, TimeSpan.FromHours(1));
        DateTimeOffset? none = null;

        var stored = await connection.QuerySingleAsync<(string Instant, string Day, string? Missing)>(
            "SELECT @summer, @day, @none", new { summer, day = new DateOnly(2027, 6, 1), none });

        Assert.That(stored, Is.EqualTo(("2027-06-01T08:00:00.000Z", "2027-06-01", (string?)null)));
        Assert.That(await connection.QuerySingleAsync<DateTimeOffset>("SELECT '2027-06-01T08:00:00.000Z'"), Is.EqualTo(summer));
    }
}
