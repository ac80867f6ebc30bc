using System.Data.Common;
using System.Net;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using StpCollector.Contacts;
using StpCollector.Foi;
using StpCollector.Ingestion;
using StpCollector.Mail;
using StpCollector.Storage;
using StpCollector.Tests.Support;
using static StpCollector.Tests.Foi.FoiTestData;
using static StpCollector.Tests.Web.HoldingPenPageTests;

namespace StpCollector.Tests.Web;

public sealed class FoiPageTests
{
    private static readonly Dictionary<string, string?> MidDecember = new() { ["Clock:Now"] = "2026-12-15T10:00:00Z" };

    [Test]
    public async Task No_requests_yet_says_how_to_send_some_and_an_unknown_request_is_not_found()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        using var viewer = await server.SignInAsync("viewer@lga.test");

        var (status, body) = await viewer.GetAsync("/foi");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body, Does.Contain("No FoI requests yet").And.Not.Contain("<table"));
        Assert.That((await viewer.GetAsync("/foi/5")).Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await viewer.GetAsync("/foi/5/documents/1")).Status, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Requests_show_their_due_dates_an_overdue_tag_and_filter_by_status_and_due()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data, MidDecember);
        var created = await CreateSentBatchAsync(server);
        await ReplyAsync(server, created.RequestIds[4], Reply(created.RequestIds[4], "We refuse this request: it exceeds the cost limit under section 12."));
        using var viewer = await server.SignInAsync("viewer@lga.test");

        var list = (await viewer.GetAsync("/foi")).Body;
        Assert.That(list, Does.Contain($"href=\"/foi/{created.RequestIds[1]}\"").And.Contain("Camden").And.Contain("1 Dec 2026"));
        Assert.That(list, Does.Contain("govuk-tag--red\">overdue</strong>"));
        var overdue = (await viewer.GetAsync("/foi?due=overdue")).Body;
        Assert.That(overdue, Does.Contain("Camden").And.Contain("4 requests"));
        var refused = (await viewer.GetAsync("/foi?status=refused")).Body;
        Assert.That(refused, Does.Contain("Islington").And.Contain("exemption s.12").And.Not.Contain("Camden"));
        Assert.That((await viewer.GetAsync("/foi?status=very_overdue")).Body, Does.Contain("No FoI requests match those filters"));
        Assert.That((await viewer.GetAsync("/foi?due=week")).Body, Does.Contain("No FoI requests match those filters"));
        var (badStatus, bad) = await viewer.GetAsync("/foi?status=lost&due=someday");
        Assert.That(badStatus, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(bad, Does.Contain("Choose a status from the list").And.Contain("Choose overdue or due in the next 7 days"));
    }

    [Test]
    public async Task A_request_shows_its_timeline_the_reckoning_of_its_dates_its_documents_as_downloads_and_its_answers()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data, MidDecember);
        var created = await CreateSentBatchAsync(server);
        var id = created.RequestIds[1];
        var letter = "%PDF-1.4\n%%EOF\n"u8.ToArray();
        await ReplyAsync(server, id, Reply(id, $"Our answer is in the letter. {Script}", ($"{Script}.pdf", letter, "application/pdf")));
        await server.Services.GetRequiredService<FoiAnswerCoder>().CodeAsync(id, "Q5", "closely involved", null, CancellationToken.None);
        using var viewer = await server.SignInAsync("viewer@lga.test");

        var (status, show) = await viewer.GetAsync($"/foi/{id}");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(show, Does.Contain($"FOI-{id}").And.Contain("Council involvement in the STP").And.Contain("Camden"));
        Assert.That(show, Does.Contain("How this date was worked out").And.Contain("1 Dec 2026").And.Contain("31 Dec 2026"));
        Assert.That(show, Does.Contain("7 Nov 2026 (Saturday): weekend").And.Contain("30 Nov 2026 (Monday): St Andrew&#x27;s Day"));
        Assert.That(show, Does.Contain("25 Dec 2026 (Friday): Christmas Day (after the due date; counts only towards very overdue)"));
        Assert.That(show, Does.Contain("clarification requested"));
        Assert.That(show, Does.Contain("closely_involved").And.Contain("staff"));
        Assert.That(show, Does.Not.Contain("<script>alert"));

        var document = (await server.Services.GetRequiredService<FoiDocumentStore>().ForRequestAsync(id)).Single();
        Assert.That(show, Does.Contain($"href=\"/foi/{id}/documents/{document.Id}\""));
        using var download = await viewer.GetResponseAsync($"/foi/{id}/documents/{document.Id}");
        Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(download.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
        Assert.That(download.Content.Headers.ContentDisposition?.FileName, Does.Not.Contain("<").And.EndWith(".pdf"));
        Assert.That(await download.Content.ReadAsByteArrayAsync(), Is.EqualTo(letter));
        Assert.That((await viewer.GetAsync($"/foi/{created.RequestIds[0]}/documents/{document.Id}")).Status, Is.EqualTo(HttpStatusCode.NotFound),
            "a document is reached only through its own request");
    }

    /// <summary>The North Central London batch, sent on Monday 2 November 2026 (day 0 of the statutory clock; due 1 December, after St Andrew's Day).</summary>
    internal static async Task<FoiRequestWriter.Created> CreateSentBatchAsync(ConsoleServer server)
    {
        var csv = Path.Combine(Path.GetTempPath(), $"foi-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(csv, "council_code,name,email,role\n" +
            string.Join("\n", NorthCentralLondon.Select(c => $"{c},FoI Officer {c},foi-{c.ToLowerInvariant()}@ncl.gov.test,foi")));
        await server.Services.GetRequiredService<ContactImporter>().ImportAsync(csv, false);
        File.Delete(csv);
        var created = await server.Services.GetRequiredService<FoiRequestWriter>().CreateAsync("Council involvement in the STP",
            "Please provide the information below.", "footprint:north-central-london", Questionnaire, allowMissingContacts: false, CancellationToken.None);
        await using var connection = await server.Services.GetRequiredService<Database>().OpenAsync();
        await connection.ExecuteAsync("UPDATE outbox SET status = 'sent', sent_at = '2026-11-02T09:00:00.000Z' WHERE kind = 'foi_request'");
        return created;
    }

    private static async Task ReplyAsync(ConsoleServer server, long requestId, MimeMessage reply)
    {
        await using var connection = await server.Services.GetRequiredService<Database>().OpenAsync();
        await using var transaction = (DbTransaction)await connection.BeginTransactionAsync();
        var handler = server.Services.GetServices<IInboundHandler>().Single(h => h.TokenKind == ReplyToken.Foi);
        await handler.HandleReplyAsync(new InboundReply(requestId, reply, "foi@ncl.gov.test", requestId, null, connection, transaction), CancellationToken.None);
        await transaction.CommitAsync();
    }
}
