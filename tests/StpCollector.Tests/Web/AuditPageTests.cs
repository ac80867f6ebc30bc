using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Audit;
using StpCollector.Tests.Support;
using static StpCollector.Tests.Web.HoldingPenPageTests;

namespace StpCollector.Tests.Web;

public sealed class AuditPageTests
{
    [Test]
    public async Task The_audit_log_shows_who_did_what_as_text_filtered_by_day_and_person()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        var audit = server.Services.GetRequiredService<AuditLog>();
        await audit.RecordAsync(AuditActor.CommandLine(), new AuditChange("contacts remove", "contacts", Script, Before: "old " + Script, After: "=HYPERLINK(\"http://x\")",
            Detail: "javascript:alert(1)"));
        await audit.RecordAsync(AuditActor.CommandLine(), new AuditChange("holding-pen discard", "holding-pen", "12", Detail: "12 --reason spam"));
        using var viewer = await server.SignInAsync("viewer@lga.test");

        var (status, body) = await viewer.GetAsync("/audit");
        Assert.That(body, Does.Contain("<a class=\"govuk-link\" href=\"/holding-pen/12\">holding-pen 12</a>"));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body, Does.Contain("viewer@lga.test").And.Contain("sign-in").And.Contain("contacts remove"));
        Assert.That(body, Does.Contain("contacts " + EncodedScript).And.Contain("old " + EncodedScript).And.Contain("=HYPERLINK(&quot;http://x&quot;)"));
        Assert.That(body, Does.Not.Contain("<script>alert").And.Not.Contain("href=\"javascript:"));

        var mine = (await viewer.GetAsync("/audit?actor=viewer%40lga.test")).Body;
        Assert.That(mine, Does.Contain("sign-in").And.Not.Contain("contacts remove"));
        Assert.That((await viewer.GetAsync("/audit?since=2999-01-01")).Body, Does.Contain("No changes match those filters"));
        Assert.That((await viewer.GetAsync("/audit?since=2000-01-01")).Body, Does.Contain("contacts remove"));
        var (badStatus, bad) = await viewer.GetAsync("/audit?since=yesterday");
        Assert.That(badStatus, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(bad, Does.Contain("Enter the day as year-month-day"));
    }

    [Test]
    public async Task A_long_audit_log_is_read_page_by_page_keeping_the_filter()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        var audit = server.Services.GetRequiredService<AuditLog>();
        for (var i = 1; i <= 55; i++)
            await audit.RecordAsync(AuditActor.ConsoleUser("officer@lga.test"), new AuditChange($"change {i:00}", "round", "STP-R1"));
        using var viewer = await server.SignInAsync("viewer@lga.test");

        var first = (await viewer.GetAsync("/audit?actor=officer%40lga.test")).Body;
        Assert.That(first, Does.Contain("change 55").And.Contain("change 06").And.Not.Contain("change 05"));
        Assert.That(first, Does.Contain("href=\"/audit?actor=officer@lga.test&amp;before=6\""));
        var second = (await viewer.GetAsync("/audit?actor=officer%40lga.test&before=6")).Body;
        Assert.That(second, Does.Contain("change 05").And.Contain("change 01").And.Not.Contain("change 06").And.Not.Contain("rel=\"next\""));
    }
}
