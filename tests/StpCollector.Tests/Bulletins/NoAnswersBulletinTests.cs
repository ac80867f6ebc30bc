using AngleSharp.Html.Parser;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Bulletins;

/// <summary>
/// The shipped editorial and templates on a London-only round (Support/LondonOnlyRound.cs): the rest of England has no
/// answers, so no sentence sets London against it, and no chart or table shows it at 0%.
/// </summary>
public sealed class NoAnswersBulletinTests
{
    private static readonly Dictionary<string, string> Now = new() { ["STPCOLLECTOR__Clock__Now"] = "2026-12-01T10:00:00Z" };

    [Test]
    public async Task A_london_only_round_writes_no_comparison_with_the_rest_of_england_and_no_zero_percent()
    {
        using var data = new TempDataDir();
        using (var host = await data.StartHostAsync())
            LondonOnlyRound.Create(ReturnsBuilder.For(host));

        var (exit, text, stderr) = await AppProcess.RunAsync(["bulletin", "preview", "--data-dir", data.Path], Now);

        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(text, Does.Contain("Two-thirds of the responding councils (67%, 2 of 3) say their plan at least partly recognises"));
        Assert.That(text, Does.Contain("So far only London councils have answered, so there is no figure yet to set against the rest of England."));
        Assert.That(text, Does.Not.Contain("% in the rest of England").And.Not.Contain("rest of England 0%").And.Not.Contain("against 0%"));
        Assert.That(text, Does.Contain("(3 councils answering; London n=3, rest of England no answers)"));
        Assert.That(text, Does.Contain("  - Yes: 67% (2); London 67%, rest of England —"));
    }

    [Test]
    public async Task Figures_read_as_english_for_one_council_one_value_and_everyone()
    {
        using var data = new TempDataDir();
        using (var host = await data.StartHostAsync())
            LondonOnlyRound.Create(ReturnsBuilder.For(host));

        var (exit, text, stderr) = await AppProcess.RunAsync(["bulletin", "preview", "--data-dir", data.Path], Now);

        Assert.That(exit, Is.EqualTo(0), stderr);
        // Q9: two councils, both 4%. Q4: all three say yes. Q16: one council, in the finance theme.
        Assert.That(text, Does.Contain("2 councils have reported the share of their STP's budget committed to prevention: all report 4%."));
        Assert.That(text, Does.Not.Contain("ranging from 4% to 4%"));
        Assert.That(text, Does.Contain("All of the councils answering (100%) say the plan fully sets out").And.Not.Contain("Only 100%"));
        Assert.That(text, Does.Contain("1 council told us what support they would like").And.Contain("(1 council)"));
        Assert.That(text, Does.Not.Match(@"\b1 councils\b"));
    }

    [Test]
    public async Task The_chart_leaves_out_a_group_with_no_answers_and_its_table_says_no_answers()
    {
        using var data = new TempDataDir();
        using (var host = await data.StartHostAsync())
            LondonOnlyRound.Create(ReturnsBuilder.For(host));
        var file = data.File("preview.html");

        var (exit, stdout, stderr) = await AppProcess.RunAsync(["bulletin", "preview", "--out", file, "--data-dir", data.Path], Now);

        Assert.That(exit, Is.EqualTo(0), stdout + stderr);
        var document = new HtmlParser().ParseDocument(await File.ReadAllTextAsync(file));
        var alt = document.QuerySelector("#key-figures img")!.GetAttribute("alt")!;
        Assert.That(alt, Does.Contain("Yes 67% (2), London 67%;").And.Contain("No council in the rest of England has answered.").And.Not.Contain("rest of England 0%"));
        var table = document.QuerySelector("#key-figures table")!;
        Assert.That(table.QuerySelectorAll("th").Select(h => h.TextContent), Does.Contain("Rest of England (no answers)"));
        Assert.That(table.QuerySelectorAll("tbody tr").Select(r => r.Children[3].TextContent), Is.All.EqualTo("—"));
    }

    [Test]
    public async Task A_share_of_an_empty_group_used_without_a_guard_stops_the_preview_naming_the_file_the_line_and_the_guard()
    {
        using var data = new TempDataDir();
        using (var host = await data.StartHostAsync())
            LondonOnlyRound.Create(ReturnsBuilder.For(host));
        var config = BulletinFixture.CopyConfig(data);
        var faq = Path.Combine(config, "bulletins", "faq", "09-comparison.md");
        await File.WriteAllTextAsync(faq, "## London and the rest\n\nLondon {{ q.q7.london.share.yes }}%,\nthe rest {{ q.q7.elsewhere.share.yes }}%.\n");

        var (exit, stdout, stderr) = await AppProcess.RunAsync(["bulletin", "preview", "--data-dir", data.Path],
            new Dictionary<string, string>(Now) { ["STPCOLLECTOR__Paths__Config"] = config });

        Assert.That(exit, Is.EqualTo(1), stdout + stderr);
        Assert.That(stderr, Does.Contain(faq).And.Contain("line 4").And.Contain("q.q7.elsewhere.share.yes has no value")
            .And.Contain("no council in the rest of England has answered Q7").And.Contain("{% if q.q7.elsewhere.n > 0 %}"));
        Assert.That(stdout, Is.Empty);
    }
}
