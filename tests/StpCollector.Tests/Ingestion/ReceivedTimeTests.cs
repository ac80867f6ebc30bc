using System.Text.Json;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Ingestion;

/// <summary>
/// Received time is when a reply reached StpCollector, never the sender's Date: header: through the real executable,
/// `ingest` at a chosen clock, then what `round show` and `bulletin preview` make of it.
/// </summary>
public sealed class ReceivedTimeTests
{
    private const string Camden = "E09000007";

    private static string Reply(IngestionWorld world, long roundId, string reference, string date) =>
        world.Data.Write("reply.eml", System.Text.Encoding.Latin1.GetString(IngestionWorld.Fill("outlook-top-posted.eml",
                new Dictionary<string, string> { ["ROUND"] = reference, ["TOKEN_ADDRESS"] = world.TokenAddress(roundId, Camden) }))
            .Replace("Date: Tue, 3 Nov 2026 10:15:00 +0000", "Date: " + date, StringComparison.Ordinal));

    private static Dictionary<string, string> At(string now) => new() { ["STPCOLLECTOR__Clock__Now"] = now };

    [Test]
    public async Task A_reply_dated_before_the_close_but_delivered_after_it_is_late_and_round_show_notes_the_sender_clock()
    {
        using var world = await IngestionWorld.StartAsync();
        var roundId = await world.CreateRoundAsync("STP-R8", [Camden], closesAt: "2026-12-18T17:00:00.000Z");
        var reply = Reply(world, roundId, "STP-R8", "Fri, 18 Dec 2026 16:00:00 +0000");
        world.Host.Dispose();
        string[] Dir(params string[] args) => [.. args, "--data-dir", world.Data.Path];

        var ingest = await AppProcess.RunAsync(Dir("ingest", reply), At("2026-12-21T09:30:00Z"));
        var show = await AppProcess.RunAsync(Dir("round", "show", roundId.ToString(System.Globalization.CultureInfo.InvariantCulture)), At("2026-12-21T09:35:00Z"));
        var json = await AppProcess.RunAsync(Dir("round", "show", roundId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json"), At("2026-12-21T09:35:00Z"));

        Assert.That(ingest.ExitCode, Is.EqualTo(0), ingest.Stdout + ingest.Stderr);
        Assert.That(ingest.Stdout, Does.Contain("stored").And.Contain("; late"));
        var stored = (await world.QueryAsync<(string ReceivedAt, string? DatedAt, bool Late)>("SELECT received_at, dated_at, late FROM returns")).Single();
        Assert.That(stored.ReceivedAt, Does.StartWith("2026-12-21T09:30"), "received when StpCollector read it");
        Assert.That(stored.DatedAt, Is.EqualTo("2026-12-18T16:00:00.000Z"), "the Date: header is kept");
        Assert.That(stored.Late, Is.True);
        Assert.That(show.ExitCode, Is.EqualTo(0), show.Stderr);
        Assert.That(show.Stdout, Does.Contain("1 responded (1 late)").And.Contain("Dated (sender's clock)")
            .And.Contain("2026-12-21 09:30").And.Contain("2026-12-18 16:00 (dated 2 days before it reached us)"));
        var council = JsonDocument.Parse(json.Stdout).RootElement.GetProperty("council")[0];
        Assert.That(council.GetProperty("datedAt").GetString(), Does.StartWith("2026-12-18T16:00:00"));
        Assert.That(council.GetProperty("late").GetBoolean(), Is.True);
    }

    [Test]
    public async Task A_reply_from_a_clock_ahead_of_ours_is_on_time_and_new_for_the_next_bulletin()
    {
        using var world = await IngestionWorld.StartAsync();
        var roundId = await world.CreateRoundAsync("STP-R8", [Camden], closesAt: "2026-12-10T17:00:00.000Z");
        var reply = Reply(world, roundId, "STP-R8", "Thu, 10 Dec 2026 20:00:00 +0000");
        world.Host.Dispose();
        string[] Dir(params string[] args) => [.. args, "--data-dir", world.Data.Path];

        var ingest = await AppProcess.RunAsync(Dir("ingest", reply), At("2026-12-10T10:00:00Z"));
        var preview = await AppProcess.RunAsync(Dir("bulletin", "preview"), At("2026-12-10T10:05:00Z"));

        Assert.That(ingest.ExitCode, Is.EqualTo(0), ingest.Stdout + ingest.Stderr);
        Assert.That(ingest.Stdout, Does.Contain("stored").And.Not.Contain("late"));
        Assert.That(await world.ScalarAsync<bool>("SELECT late FROM returns"), Is.False);
        Assert.That(preview.ExitCode, Is.EqualTo(0), preview.Stderr);
        Assert.That(preview.Stdout, Does.Contain("STP-R8").And.Contain("from Camden").And.Not.Contain("No new returns have arrived"));
    }
}
