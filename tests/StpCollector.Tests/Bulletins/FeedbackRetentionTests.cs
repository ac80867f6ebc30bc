using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Bulletins;
using StpCollector.Storage;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Bulletins;

/// <summary>
/// Bulletins:FeedbackRetentionMonths through the real executable's bulletin sweep, with the clock set: feedback older
/// than the setting loses the person's words and address, newer keeps them, both are still counted; twice changes nothing.
/// </summary>
public sealed class FeedbackRetentionTests
{
    private static readonly Dictionary<string, string> Now = new()
    {
        ["STPCOLLECTOR__Clock__Now"] = "2026-12-01T10:00:00Z",
        // Retention is personal data care, not bulletin sending: it runs with bulletins off too.
        ["STPCOLLECTOR__Bulletins__Enabled"] = "false",
    };

    [Test]
    public async Task Feedback_older_than_the_retention_loses_words_and_address_and_is_still_counted()
    {
        using var data = new TempDataDir();
        using (var host = await data.StartHostAsync())
        {
            await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync(CancellationToken.None);
            await using var transaction = (DbTransaction)await connection.BeginTransactionAsync();
            foreach (var (sender, words, received) in new[]
                     {
                         ("old@hartlepool.gov.test", "Twenty-five months ago I asked about pooled budgets.", DateTimeOffset.Parse("2024-11-01T09:00:00Z")),
                         ("recent@hartlepool.gov.test", "Twenty-three months ago I asked about estates.", DateTimeOffset.Parse("2025-01-01T09:00:00Z")),
                     })
                await FeedbackStore.RecordAsync(connection, transaction,
                    new FeedbackStore.NewFeedback(null, sender, "E06000001", null, 1, "Re: bulletin", words, received), received);
            await transaction.CommitAsync();
        }

        SqliteConnection.ClearAllPools();
        string[] Dir(params string[] args) => [.. args, "--data-dir", data.Path];
        var sweep = await AppProcess.RunAsync(Dir("run", "--once", "--sweep", "Bulletin"), Now);
        var again = await AppProcess.RunAsync(Dir("run", "--once", "--sweep", "Bulletin"), Now);
        var list = await AppProcess.RunAsync(Dir("feedback", "list", "--json"), Now);

        Assert.That(sweep.ExitCode, Is.EqualTo(0), sweep.Stdout + sweep.Stderr);
        Assert.That(sweep.Stdout + sweep.Stderr, Does.Contain("words and address of 1 feedback removed after 24 months"));
        Assert.That(again.ExitCode, Is.EqualTo(0), again.Stdout + again.Stderr);
        Assert.That(again.Stdout + again.Stderr, Does.Not.Contain("feedback removed"), "forgetting twice changes nothing");
        var entries = JsonDocument.Parse(list.Stdout).RootElement.EnumerateArray().ToList();
        Assert.That(entries, Has.Count.EqualTo(2), "both are still counted");
        var recent = entries.Single(e => e.GetProperty("receivedAt").GetString()!.StartsWith("2025-01-01", StringComparison.Ordinal));
        var old = entries.Single(e => e.GetProperty("receivedAt").GetString()!.StartsWith("2024-11-01", StringComparison.Ordinal));
        Assert.That(recent.GetProperty("sender").GetString(), Is.EqualTo("recent@hartlepool.gov.test"));
        Assert.That(recent.GetProperty("words").GetString(), Does.Contain("estates"));
        Assert.That(old.GetProperty("sender").GetString(), Is.EqualTo("(removed after 24 months)"));
        Assert.That(old.GetProperty("words").GetString(), Is.EqualTo("(removed after 24 months)"));
        Assert.That(old.GetProperty("councilCode").GetString(), Is.EqualTo("E06000001"), "the council stays for counts");
    }

    [Test]
    public async Task A_retention_outside_1_to_120_months_exits_2_naming_the_key()
    {
        using var data = new TempDataDir();
        var (exit, _, stderr) = await AppProcess.RunAsync(["feedback", "list", "--data-dir", data.Path],
            new Dictionary<string, string> { ["STPCOLLECTOR__Bulletins__FeedbackRetentionMonths"] = "0" });

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr.Trim(), Does.StartWith("Configuration error: Bulletins:FeedbackRetentionMonths must be between 1 and 120 (it is 0)"));
    }
}
