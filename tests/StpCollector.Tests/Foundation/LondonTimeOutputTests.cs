using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Foi;
using StpCollector.Storage;
using StpCollector.Tests.Rounds;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Foundation;

/// <summary>
/// Tables and text views show London wall-clock time ("2026-06-15 09:30" in summer time), whatever is stored (UTC);
/// --json keeps ISO 8601 with its offset.
/// </summary>
public sealed class LondonTimeOutputTests
{
    // 08:30 UTC is 09:30 in London on a June morning (BST).
    private static readonly Dictionary<string, string> SummerMorning = new() { ["STPCOLLECTOR__Clock__Now"] = "2026-06-15T08:30:00Z" };

    [Test]
    public async Task Holding_pen_and_outbox_views_show_london_time_and_json_keeps_utc_with_its_offset()
    {
        using var data = new TempDataDir();
        using (var host = await data.StartHostAsync())
            await RoundTestData.AddLeadAsync(host.Services, "E09000007", "lead@camden.gov.test");
        await CliAsync(data, "round", "create", "--questionnaire", RoundTestData.Questionnaire, "--title", "Summer check-in",
            "--opens", "2026-06-15 09:30", "--closes", "2026-07-10 17:00", "--audience", "councils:E09000007", "--reminders", "none");
        var inbox = Directory.CreateDirectory(Path.Combine(data.Path, "mail", "inbox")).FullName;
        File.WriteAllText(Path.Combine(inbox, "stranger.eml"),
            "From: someone@example.test\r\nTo: returns@stp.test\r\nDate: Mon, 15 Jun 2026 08:30:00 +0000\r\nSubject: Hello\r\n" +
            "Message-ID: <stranger@example.test>\r\n\r\nIs this the right address?\r\n");
        await CliAsync(data, "run", "--once");

        var views = new[]
        {
            await CliAsync(data, "holding-pen", "list"), await CliAsync(data, "holding-pen", "show", "1"),
            await CliAsync(data, "outbox", "list"), await CliAsync(data, "outbox", "show", "1"),
        };
        var json = await CliAsync(data, "holding-pen", "list", "--json");

        foreach (var view in views)
        {
            Assert.That(view, Does.Contain("2026-06-15 09:3"), "London time (BST)");
            Assert.That(view, Does.Not.Contain("08:3").And.Not.Contain("T08").And.Not.Contain("Z "), "no UTC in human output");
        }

        Assert.That(json, Does.Contain("\"receivedAt\": \"2026-06-15T08:3").And.Contain("Z\""), "ISO 8601 in UTC");
    }

    [Test]
    public async Task An_foi_request_timeline_and_its_documents_show_london_time()
    {
        using var data = new TempDataDir();
        long requestId;
        using (var host = await data.StartHostAsync())
        {
            var batch = FoiBuilder.For(host).Batch(null, "E09000007");
            requestId = FoiBuilder.For(host).Request(batch, "E09000007");
            await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
            await using var transaction = connection.BeginTransaction();
            await FoiEvents.AddAsync(connection, transaction, requestId, DateTimeOffset.Parse("2026-06-15T08:30:00Z", CultureInfo.InvariantCulture), "note", "Rang the FoI officer");
            await transaction.CommitAsync();
        }

        var shown = await CliAsync(data, "foi", "show", $"{requestId}");

        Assert.That(shown, Does.Contain("2026-06-15 09:30").And.Contain("Rang the FoI officer"));
        Assert.That(shown, Does.Not.Contain("UTC").And.Not.Contain("08:30"));
    }

    private static async Task<string> CliAsync(TempDataDir data, params string[] args)
    {
        var (exit, stdout, stderr) = await AppProcess.RunAsync([.. args, "--data-dir", data.Path], SummerMorning);
        Assert.That(exit, Is.Zero, $"{string.Join(' ', args)}: {stdout}{stderr}");
        return stdout;
    }
}
