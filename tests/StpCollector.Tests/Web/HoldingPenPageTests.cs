using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Ingestion;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Web;

public sealed class HoldingPenPageTests
{
    internal const string Script = "<script>alert(1)</script>";
    internal const string EncodedScript = "&lt;script&gt;alert(1)&lt;/script&gt;";

    [Test]
    public async Task An_empty_holding_pen_says_nothing_is_held_and_an_unknown_message_is_not_found()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        using var viewer = await server.SignInAsync("viewer@lga.test");

        var (status, body) = await viewer.GetAsync("/holding-pen");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body, Does.Contain("Nothing is held").And.Not.Contain("<table"));
        Assert.That((await viewer.GetAsync("/holding-pen?all=true")).Body, Does.Contain("Nothing has come in yet"));
        Assert.That((await viewer.GetAsync("/holding-pen/42")).Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await viewer.GetAsync("/holding-pen/42/message.eml")).Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await viewer.GetAsync("/holding-pen?before=abc")).Status, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task A_held_message_with_hostile_sender_subject_and_body_is_shown_as_text_and_downloads_as_an_attachment()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        var raw = Encoding.UTF8.GetBytes(
            $"From: \"{Script}\" <attacker@evil.example>\r\nTo: returns@lga.test\r\nSubject: {Script} =HYPERLINK(\"http://x\")\r\n" +
            "Date: Tue, 3 Nov 2026 14:00:00 +0000\r\nMessage-ID: <hostile-1@evil.example>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" +
            $"Hello {Script}\r\n<a href=\"javascript:alert(2)\">click</a>\r\n");
        var id = await IngestAsync(server, raw);
        using var viewer = await server.SignInAsync("viewer@lga.test");

        var (listStatus, list) = await viewer.GetAsync("/holding-pen");
        Assert.That(listStatus, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(list, Does.Contain(EncodedScript).And.Contain($"href=\"/holding-pen/{id}\"").And.Not.Contain("<script>alert"));

        var (showStatus, show) = await viewer.GetAsync($"/holding-pen/{id}");
        Assert.That(showStatus, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(show, Does.Contain(EncodedScript).And.Contain("attacker@evil.example").And.Contain("=HYPERLINK(&quot;http://x&quot;)"));
        Assert.That(show, Does.Contain("&lt;a href=&quot;javascript:alert(2)&quot;&gt;click&lt;/a&gt;"));
        Assert.That(show, Does.Not.Contain("<script>alert").And.Not.Contain("href=\"javascript:"));
        Assert.That(show, Does.Contain("2026-11-03 14:00 by the sender&#x27;s clock"));

        using var download = await viewer.GetResponseAsync($"/holding-pen/{id}/message.eml");
        Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(download.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
        Assert.That(download.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/octet-stream"));
        Assert.That(await download.Content.ReadAsByteArrayAsync(), Is.EqualTo(raw));
    }

    [Test]
    public async Task An_html_only_message_is_shown_as_its_text_never_as_html_and_a_resolved_one_shows_only_with_all()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        var raw = Encoding.UTF8.GetBytes(
            "From: someone@consultancy.example\r\nTo: returns@lga.test\r\nSubject: Views\r\nMessage-ID: <html-1@consultancy.example>\r\n" +
            "MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" +
            "<html><body><p>Our view &lt;script&gt;alert(1)&lt;/script&gt;</p><p><img src=\"http://tracker.example/p.gif\"><b>Bold</b> words</p></body></html>\r\n");
        var id = await IngestAsync(server, raw);
        using var viewer = await server.SignInAsync("viewer@lga.test");

        var show = (await viewer.GetAsync($"/holding-pen/{id}")).Body;
        Assert.That(show, Does.Contain("The sender wrote only HTML").And.Contain("Our view " + EncodedScript).And.Contain("Bold words"));
        Assert.That(show, Does.Not.Contain("tracker.example").And.Not.Contain("<b>Bold</b>"));

        await server.Services.GetRequiredService<HoldingPen>().DiscardAsync(id, "not a return", CancellationToken.None);
        Assert.That((await viewer.GetAsync("/holding-pen")).Body, Does.Contain("Nothing is held"));
        var all = (await viewer.GetAsync("/holding-pen?all=true")).Body;
        Assert.That(all, Does.Contain($"href=\"/holding-pen/{id}\"").And.Contain("discarded"));
        Assert.That((await viewer.GetAsync($"/holding-pen/{id}")).Body, Does.Contain("Resolved").And.Contain("discarded: not a return"));
    }

    [Test]
    public async Task A_long_holding_pen_is_read_page_by_page_newest_first()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        for (var i = 1; i <= 52; i++)
            await IngestAsync(server, Encoding.UTF8.GetBytes(
                $"From: someone@consultancy.example\r\nTo: returns@lga.test\r\nSubject: Note {i:00}\r\nMessage-ID: <note-{i}@consultancy.example>\r\n\r\nHello\r\n"));
        using var viewer = await server.SignInAsync("viewer@lga.test");

        var first = (await viewer.GetAsync("/holding-pen")).Body;
        Assert.That(first, Does.Contain("Note 52").And.Contain("Note 03").And.Not.Contain("Note 02"));
        var older = System.Text.RegularExpressions.Regex.Match(first, "href=\"(?<href>[^\"]+)\" rel=\"next\"").Groups["href"].Value;
        Assert.That(older, Is.EqualTo("/holding-pen?before=3"));
        var second = (await viewer.GetAsync(WebUtility.HtmlDecode(older))).Body;
        Assert.That(second, Does.Contain("Note 02").And.Contain("Note 01").And.Not.Contain("Note 03").And.Not.Contain("rel=\"next\""));
    }

    internal static async Task<long> IngestAsync(ConsoleServer server, byte[] raw)
    {
        var result = await server.Services.GetRequiredService<InboundPipeline>().ProcessAsync(
            new InboundItem(InboundItem.Mailbox, "test", raw), IngestHints.None, CancellationToken.None);
        Assert.That(result.Outcome, Is.EqualTo("held"), result.Reason);
        return result.Id!.Value;
    }
}
