using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Contacts;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Bulletins;

/// <summary>
/// Feedback carries the themes of Reports:Themes (the ones the free-text answers use): tagged automatically when it
/// arrives, changed by staff with `feedback tag` and `untag`, counted by `feedback themes`, filtered by `list --theme`.
/// </summary>
public sealed class FeedbackThemesTests
{
    private static readonly Dictionary<string, string> Later = new() { ["STPCOLLECTOR__Clock__Now"] = "2026-12-02T09:30:00Z" };

    [Test]
    public async Task Feedback_is_tagged_with_the_themes_its_words_use_and_staff_can_change_and_count_them()
    {
        using var data = new TempDataDir();
        using (var host = await data.StartHostAsync())
        {
            await host.Services.GetRequiredService<ContactImporter>().ImportAsync(RepoPaths.Seeds("contacts-sample.csv"), skipInvalid: false);
            KnownRounds.Create(ReturnsBuilder.For(host));
            await BulletinFixture.AddSubscribersAsync(host, ["stp.lead@hartlepool.gov.test", "stp.lead@barnet.gov.test"]);
            await BulletinFixture.SendNowAsync(host);
            await BulletinFixture.ReplyAsync(host, data.Path, "stp.lead@hartlepool.gov.test", "Re: bulletin", "Our pooled budget for social care is still not agreed.");
            await BulletinFixture.ReplyAsync(host, data.Path, "stp.lead@barnet.gov.test", "Re: bulletin", "Thank you, very useful.");
        }

        SqliteConnection.ClearAllPools();
        string[] Dir(params string[] args) => [.. args, "--data-dir", data.Path];
        var first = JsonDocument.Parse((await AppProcess.RunAsync(Dir("feedback", "show", "1", "--json"), Later)).Stdout).RootElement;
        var tag = await AppProcess.RunAsync(Dir("feedback", "tag", "2", "Workforce"), Later);
        var unknown = await AppProcess.RunAsync(Dir("feedback", "tag", "2", "weather"), Later);
        var untag = await AppProcess.RunAsync(Dir("feedback", "untag", "1", "finance"), Later);
        var untagAgain = await AppProcess.RunAsync(Dir("feedback", "untag", "1", "finance"), Later);
        var workforce = await AppProcess.RunAsync(Dir("feedback", "list", "--theme", "workforce", "--json"), Later);
        var badFilter = await AppProcess.RunAsync(Dir("feedback", "list", "--theme", "weather"), Later);
        var themes = await AppProcess.RunAsync(Dir("feedback", "themes", "--json"), Later);
        var table = await AppProcess.RunAsync(Dir("feedback", "themes"), Later);

        Assert.That(first.GetProperty("themes").EnumerateArray().Select(t => t.GetString()), Is.EqualTo(new[] { "finance", "social_care" }));
        Assert.That(tag.ExitCode, Is.EqualTo(0), tag.Stderr);
        Assert.That(tag.Stdout, Does.Contain("Feedback #2 is now tagged workforce"));
        Assert.That(unknown.ExitCode, Is.EqualTo(2));
        Assert.That(unknown.Stderr, Does.Contain("There is no theme 'weather'").And.Contain("estates, finance, governance, prevention, social_care, workforce"));
        Assert.That(untag.ExitCode, Is.EqualTo(0), untag.Stderr);
        Assert.That(untagAgain.ExitCode, Is.EqualTo(2));
        Assert.That(untagAgain.Stderr, Does.Contain("is not tagged 'finance'; its themes are: social_care"));
        Assert.That(JsonDocument.Parse(workforce.Stdout).RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetInt64()), Is.EqualTo(new[] { 2L }));
        Assert.That(badFilter.ExitCode, Is.EqualTo(2));
        var counts = JsonDocument.Parse(themes.Stdout).RootElement.GetProperty("themes").EnumerateArray()
            .ToDictionary(t => t.GetProperty("theme").GetString()!, t => (t.GetProperty("feedback").GetInt32(), t.GetProperty("sinceLastBulletin").GetInt32()));
        Assert.That(counts["social_care"], Is.EqualTo((1, 1)));
        Assert.That(counts["workforce"], Is.EqualTo((1, 1)));
        Assert.That(counts["finance"], Is.EqualTo((0, 0)));
        Assert.That(table.Stdout, Does.Contain("Social care").And.Contain("Since "));
    }
}
