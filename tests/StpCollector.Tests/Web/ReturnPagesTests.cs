using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using StpCollector.Storage;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Web;

public sealed class ReturnPagesTests
{
    private const string Camden = "E09000007";

    [Test]
    public async Task A_return_shows_its_answers_and_message_as_text_offers_the_message_and_attachment_as_downloads_and_links_its_history()
    {
        using var world = await IngestionWorld.StartAsync();
        var roundId = await world.CreateRoundAsync("STP-R7", [Camden]);
        var first = Reply(world, roundId, "first@camden.gov.test", "Q1: Yes\nQ16: <script>alert(1)</script> =HYPERLINK(\"http://x\")\nQ14: javascript:alert(1)\n");
        var firstResult = await world.IngestEmailAsync(first);
        var second = Reply(world, roundId, "second@camden.gov.test", "Q1: No\nQ16: Better now\n");
        await world.IngestEmailAsync(second);
        var returns = await world.QueryAsync<(long Id, long IsCurrent)>("SELECT id, is_current FROM returns ORDER BY id");
        Assert.That(returns.Select(r => r.IsCurrent), Is.EqualTo(new long[] { 0, 1 }), $"both replies stored, the second current ({firstResult})");
        var (old, current) = (returns[0].Id, returns[1].Id);

        await using var server = await ConsoleServer.StartAsync(world.Data);
        using var viewer = await server.SignInAsync("viewer@lga.test");

        var (status, page) = await viewer.GetAsync($"/returns/{old}");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        PageAssertions.ShowsAsText(page, "&lt;script&gt;alert(1)&lt;/script&gt; =HYPERLINK(&quot;http://x&quot;)");
        Assert.That(page, Does.Contain("javascript:alert(1)"), "shown as the text it is");
        Assert.That(page, Does.Contain("Q14: javascript:alert(1)<br"), "the message's own text is shown line by line");
        Assert.That(page, Does.Contain("RE: [STP-R7] &lt;b&gt;Our&lt;/b&gt; return"), "the subject's markup is text");
        Assert.That(page, Does.Contain("superseded").And.Contain($"href=\"/returns/{current}\""));
        Assert.That(page, Does.Contain($"href=\"/returns/{old}/message.eml\"").And.Contain($"href=\"/returns/{old}/attachments/0\"").And.Contain("notes.txt"));

        var (_, currentPage) = await viewer.GetAsync($"/returns/{current}");
        Assert.That(currentPage, Does.Contain("Better now").And.Contain($"href=\"/returns/{old}\""));
        Assert.That(currentPage, Does.Contain("Q5").And.Contain("missing"), "the current return lists every question, unanswered ones too");

        using var eml = await viewer.GetResponseAsync($"/returns/{old}/message.eml");
        Assert.That(eml.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(eml.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
        Assert.That(eml.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/octet-stream"));
        Assert.That(await eml.Content.ReadAsByteArrayAsync(), Is.EqualTo(first), "the message exactly as it arrived");

        using var attachment = await viewer.GetResponseAsync($"/returns/{old}/attachments/0");
        Assert.That(attachment.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
        Assert.That(await attachment.Content.ReadAsStringAsync(), Is.EqualTo("<html><script>alert(2)</script></html>"));

        Assert.That((await viewer.GetAsync($"/returns/{old}/attachments/5")).Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await viewer.GetAsync($"/returns/{old}/original")).Status, Is.EqualTo(HttpStatusCode.NotFound), "a message is offered as message.eml");
        Assert.That((await viewer.GetAsync("/returns/999")).Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await viewer.GetAsync("/returns/999/message.eml")).Status, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task A_return_from_a_dropped_file_shows_the_file_as_text_and_offers_the_original_for_download()
    {
        using var world = await IngestionWorld.StartAsync();
        await world.CreateRoundAsync("STP-R7", [Camden]);
        var csv = System.Text.Encoding.UTF8.GetBytes("council_code,round,question_id,question,answer,comment\r\n" +
            "E09000007,STP-R7,Q1,,Yes,<img src=x onerror=alert(1)>\r\nE09000007,STP-R7,Q16,,=HYPERLINK(\"http://x\"),\r\n");
        var result = await world.IngestFileAsync(csv, "stp-r7-e09000007-return.csv");
        var returnId = await world.ScalarAsync<long>("SELECT id FROM returns");

        await using var server = await ConsoleServer.StartAsync(world.Data);
        using var viewer = await server.SignInAsync("viewer@lga.test");

        var (status, page) = await viewer.GetAsync($"/returns/{returnId}");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), result.ToString());
        PageAssertions.ShowsAsText(page, "&lt;img src=x onerror=alert(1)&gt;");
        Assert.That(PageAssertions.Parse(page).QuerySelectorAll("img"), Is.Empty);
        Assert.That(page, Does.Contain("=HYPERLINK(&quot;http://x&quot;)").And.Contain($"href=\"/returns/{returnId}/original\""));
        Assert.That(page, Does.Contain("None: this is the council's only return to this round."));

        using var original = await viewer.GetResponseAsync($"/returns/{returnId}/original");
        Assert.That(original.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
        Assert.That(await original.Content.ReadAsByteArrayAsync(), Is.EqualTo(csv));
        Assert.That((await viewer.GetAsync($"/returns/{returnId}/message.eml")).Status, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Where_the_council_also_answered_by_FoI_each_answer_says_whether_the_two_agree()
    {
        using var data = new TempDataDir();
        long camdenReturn;
        using (var host = await data.StartHostAsync())
        {
            KnownRounds.Create(ReturnsBuilder.For(host));
            var foi = FoiBuilder.For(host);
            var batch = foi.Batch(ReturnsBuilder.Questionnaire, Camden);
            foi.Answers(batch, Camden, ReturnsBuilder.A("Q1", "yes"), ReturnsBuilder.A("Q7", "no"));
            using var connection = host.Services.GetRequiredService<Database>().Open();
            camdenReturn = await connection.ExecuteScalarAsync<long>("SELECT id FROM returns WHERE round_id = 2 AND council_code = @Camden", new { Camden });
        }

        await using var server = await ConsoleServer.StartAsync(data);
        using var viewer = await server.SignInAsync("viewer@lga.test");

        var (_, page) = await viewer.GetAsync($"/returns/{camdenReturn}");

        Assert.That(page, Does.Contain("both-agree (FoI: yes)").And.Contain("conflict (FoI: no)").And.Contain("href=\"/foi/"));
    }

    private static byte[] Reply(IngestionWorld world, long roundId, string messageId, string text)
    {
        var message = new MimeMessage { Subject = "RE: [STP-R7] <b>Our</b> return", MessageId = messageId, Date = DateTimeOffset.UtcNow.AddMinutes(-5) };
        message.From.Add(new MailboxAddress("Zara <script>", "stp.lead@camden.gov.test"));
        message.To.Add(MailboxAddress.Parse(world.TokenAddress(roundId, Camden)));
        var body = new BodyBuilder { TextBody = text };
        body.Attachments.Add("notes.txt", "<html><script>alert(2)</script></html>"u8.ToArray(), new ContentType("text", "html"));
        message.Body = body.ToMessageBody();
        using var buffer = new MemoryStream();
        message.WriteTo(buffer);
        return buffer.ToArray();
    }
}
