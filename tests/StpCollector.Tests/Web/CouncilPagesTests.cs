using System.Net;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Web;

public sealed class CouncilPagesTests
{
    [Test]
    public async Task The_council_list_has_every_council_and_searches_by_name_or_code_and_an_unknown_region_is_refused()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        using var viewer = await server.SignInAsync("viewer@lga.test");

        var (status, all) = await viewer.GetAsync("/councils");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(PageAssertions.FirstCells(all, "councils"), Has.Count.EqualTo(152));
        Assert.That(PageAssertions.FirstCells((await viewer.GetAsync("/councils?q=camden")).Body, "councils"), Is.EqualTo(new[] { "Camden" }));
        Assert.That(PageAssertions.FirstCells((await viewer.GetAsync("/councils?q=e09000007")).Body, "councils"), Is.EqualTo(new[] { "Camden" }));
        Assert.That(PageAssertions.FirstCells((await viewer.GetAsync("/councils?region=London")).Body, "councils"), Has.Count.GreaterThan(1).And.Count.LessThan(152).And.Contains("Camden"));

        var (_, none) = await viewer.GetAsync("/councils?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        Assert.That(none, Does.Contain("No council matches"));
        PageAssertions.ShowsAsText(none, "&lt;script&gt;alert(1)&lt;/script&gt;");

        var (bad, badPage) = await viewer.GetAsync("/councils?region=Atlantis");
        Assert.That(bad, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(badPage, Does.Contain("Choose a region from the list"));

        Assert.That((await viewer.GetAsync("/councils/E99999999")).Status, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task The_council_page_shows_its_record_across_rounds_with_links_to_each_round_and_return()
    {
        using var data = new TempDataDir();
        long previous, current;
        using (var host = await data.StartHostAsync())
            (previous, current) = KnownRounds.Create(ReturnsBuilder.For(host));
        await using var server = await ConsoleServer.StartAsync(data);
        using var viewer = await server.SignInAsync("viewer@lga.test");

        var (status, page) = await viewer.GetAsync($"/councils/{KnownRounds.Camden.ToLowerInvariant()}");

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page, Does.Contain("<h1 class=\"govuk-heading-l\">Camden</h1>").And.Contain("London"));
        Assert.That(page, Does.Contain("href=\"/rounds/STP-R2\"").And.Contain("href=\"/rounds/STP-R1\""));
        Assert.That(page, Does.Contain("Return #"));
        Assert.That(page, Does.Contain("No contacts yet").And.Contain("No FoI requests have been made").And.Contain("no mail to this council has bounced"));
        Assert.That(previous, Is.LessThan(current));
    }
}
