using StpCollector.Reference;
using StpCollector.Rounds;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Rounds;

public sealed class RoundAndCouncilLookupTests
{
    [Test]
    public async Task A_round_is_found_by_its_reference_in_any_case_or_its_number()
    {
        using var world = await IngestionWorld.StartAsync();
        var id = await world.CreateRoundAsync("STP-R1", ["E09000007"]);
        await using var connection = await world.OpenAsync();
        foreach (var key in new[] { "STP-R1", "stp-r1", " STP-R1 ", id.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            Assert.That((await Round.FindAsync(connection, key))?.Id, Is.EqualTo(id), key);
        Assert.That(await Round.FindAsync(connection, "STP-R99"), Is.Null);
        Assert.That(await Round.FindAsync(connection, "next one"), Is.Null);
    }

    [Test]
    public async Task A_council_is_found_by_its_code_or_its_name_in_any_case()
    {
        using var world = await IngestionWorld.StartAsync();
        await using var connection = await world.OpenAsync();
        var camden = await CouncilDirectory.ByCodeAsync(connection, "e09000007");
        Assert.That(camden?.Code, Is.EqualTo("E09000007"));
        Assert.That((await CouncilDirectory.ByCodeOrNameAsync(connection, camden!.Name.ToUpperInvariant()))?.Code, Is.EqualTo("E09000007"));
        Assert.That((await CouncilDirectory.ByCodeOrNameAsync(connection, " e09000007 "))?.Code, Is.EqualTo("E09000007"));
        Assert.That(await CouncilDirectory.ByCodeOrNameAsync(connection, "Atlantis"), Is.Null);
    }

    [Test]
    public void A_return_is_late_only_after_the_close_to_the_millisecond_as_stored()
    {
        var closes = new DateTimeOffset(2026, 12, 18, 17, 0, 0, TimeSpan.Zero);
        Assert.That(RoundDelivery.IsLate(closes, closes), Is.False);
        Assert.That(RoundDelivery.IsLate(closes, closes.AddTicks(5_000)), Is.False, "half a millisecond is stored as the close itself");
        Assert.That(RoundDelivery.IsLate(closes, closes.AddMilliseconds(1)), Is.True);
        Assert.That(RoundDelivery.IsLate(closes, closes.AddHours(1).ToOffset(TimeSpan.FromHours(1))), Is.True);
        Assert.That(RoundDelivery.IsLate(closes, closes.AddMinutes(-1)), Is.False);
    }
}
