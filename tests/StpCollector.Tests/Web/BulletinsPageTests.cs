using System.Data.Common;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Audit;
using StpCollector.Bulletins;
using StpCollector.Storage;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Web;

public sealed class BulletinsPageTests
{
    private static readonly Dictionary<string, string?> December = new() { ["Clock:Now"] = "2026-12-01T10:00:00Z" };

    [Test]
    public async Task An_empty_archive_says_how_to_preview_and_an_unknown_bulletin_is_not_found()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        using var viewer = await server.SignInAsync("viewer@lga.test");

        var (status, body) = await viewer.GetAsync("/bulletins");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body, Does.Contain("No bulletins yet").And.Not.Contain("<table"));
        Assert.That((await viewer.GetAsync("/bulletins/3")).Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await viewer.GetAsync("/bulletins/3/html")).Status, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task A_sent_bulletin_shows_its_text_as_text_and_its_html_only_in_a_sandboxed_frame()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data, December);
        KnownRounds.Create(new ReturnsBuilder(server.Services.GetRequiredService<Database>()));
        await server.Services.GetRequiredService<SubscriberStore>().AddAsync("ada@network.test", "Ada");
        var now = server.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var draft = await server.Services.GetRequiredService<BulletinComposer>().BuildAsync(now, now, CancellationToken.None);
        var sent = (await server.Services.GetRequiredService<BulletinPublisher>().SendNewAsync("manual-1", now, draft, CancellationToken.None))!;
        using var viewer = await server.SignInAsync("viewer@lga.test");

        var list = (await viewer.GetAsync("/bulletins")).Body;
        Assert.That(list, Does.Contain($"href=\"/bulletins/{sent.Id}\"").And.Contain("December 2026").And.Contain("sent").And.Contain("1 subscriber"));

        using var page = await viewer.GetResponseAsync($"/bulletins/{sent.Id}");
        var show = await page.Content.ReadAsStringAsync();
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(string.Join(";", page.Headers.GetValues("Content-Security-Policy")), Does.Contain("frame-src 'self'").And.Contain("frame-ancestors 'none'"));
        Assert.That(show, Does.Contain($"<iframe class=\"console-bulletin-frame\" sandbox src=\"/bulletins/{sent.Id}/html\""));
        Assert.That(show, Does.Contain("console-message-text").And.Contain("Yes: 60% (3); London 67%, rest of England 50%"));
        Assert.That(show, Does.Contain("1 pending"), "how its mail is doing in the outbox");
        Assert.That(show, Does.Not.Contain("<h2>Key figures"), "the HTML version is never part of the console's own page");

        using var framed = await viewer.GetResponseAsync($"/bulletins/{sent.Id}/html");
        Assert.That(framed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(framed.Headers.GetValues("Content-Security-Policy").Single(),
            Is.EqualTo("sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'"));
        Assert.That(framed.Headers.GetValues("X-Frame-Options").Single(), Is.EqualTo("SAMEORIGIN"));
        Assert.That(framed.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        var html = await framed.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("STP network bulletin").And.Contain("src=\"data:image/png;base64,").And.Not.Contain("cid:"));
    }

    [Test]
    public async Task An_approved_draft_names_who_approved_it()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data, December);
        KnownRounds.Create(new ReturnsBuilder(server.Services.GetRequiredService<Database>()));
        var now = server.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var draft = await server.Services.GetRequiredService<BulletinComposer>().BuildAsync(now, now.AddDays(30), CancellationToken.None);
        long id;
        await using (var connection = await server.Services.GetRequiredService<Database>().OpenAsync())
        await using (var transaction = (DbTransaction)await connection.BeginTransactionAsync())
        {
            id = await BulletinStore.InsertAsync(connection, transaction, "2027-01", now.AddDays(30), BulletinStore.Draft, draft, null, now);
            await BulletinStore.SaveChartsAsync(connection, transaction, id, draft);
            await transaction.CommitAsync();
            await BulletinStore.SetStatusAsync(connection, null, id, BulletinStore.Draft, BulletinStore.Approved, null, now);
        }

        await server.Services.GetRequiredService<AuditLog>().RecordAsync(AuditActor.CommandLine() with { Name = "cli:approver" },
            new AuditChange(BulletinBrowser.ApproveAction, "bulletin", id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var viewer = await server.SignInAsync("viewer@lga.test");

        var list = (await viewer.GetAsync("/bulletins")).Body;
        Assert.That(list, Does.Contain("approved").And.Contain("cli:approver, 2026-12-01 10:00").And.Contain("December 2026"));
        Assert.That((await viewer.GetAsync($"/bulletins/{id}")).Body, Does.Contain("2026-12-01 10:00 by cli:approver"));
    }
}
