using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using StpCollector.Outbox;
using StpCollector.Storage;
using StpCollector.Tests.Support;
using static StpCollector.Tests.Web.HoldingPenPageTests;

namespace StpCollector.Tests.Web;

public sealed class OutboxPageTests
{
    [Test]
    public async Task An_empty_outbox_says_so_and_an_unknown_message_is_not_found()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        using var viewer = await server.SignInAsync("viewer@lga.test");

        var (status, body) = await viewer.GetAsync("/outbox");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body, Does.Contain("The outbox is empty").And.Not.Contain("<table"));
        Assert.That((await viewer.GetAsync("/outbox/7")).Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await viewer.GetAsync("/outbox/7/message.eml")).Status, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Messages_are_filtered_by_status_and_kind_and_a_wrong_filter_is_explained()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        await EnqueueAsync(server, "receipt", "lead@camden.gov.test", "Your return", "Thank you.");
        await EnqueueAsync(server, "invitation", "lead@hackney.gov.test", "Please reply", "Dear colleague.");
        using var viewer = await server.SignInAsync("viewer@lga.test");

        await EnqueueAsync(server, "foi_request", "foi@camden.gov.test", "FoI request [FOI-3]", "Please answer.", "foi:3");
        Assert.That((await viewer.GetAsync("/outbox?kind=foi_request")).Body, Does.Contain("<a class=\"govuk-link\" href=\"/foi/3\">foi:3</a>"));
        var receipts = (await viewer.GetAsync("/outbox?kind=receipt")).Body;
        Assert.That(receipts, Does.Contain("lead@camden.gov.test").And.Not.Contain("lead@hackney.gov.test"));
        Assert.That(receipts, Does.Contain("<option value=\"receipt\" selected=\"selected\">"));
        Assert.That((await viewer.GetAsync("/outbox?status=pending")).Body, Does.Contain("lead@camden.gov.test").And.Contain("lead@hackney.gov.test"));
        Assert.That((await viewer.GetAsync("/outbox?status=sent")).Body, Does.Contain("No outgoing messages match those filters"));

        var (status, wrong) = await viewer.GetAsync("/outbox?status=lost&kind=" + Uri.EscapeDataString(Script));
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(wrong, Does.Contain("There is a problem").And.Contain("Choose a status from the list").And.Contain("Choose a kind of message from the list"));
        Assert.That(wrong, Does.Not.Contain("<script>alert"));
    }

    [Test]
    public async Task A_message_with_hostile_text_shows_its_headers_and_text_as_text_and_downloads_as_an_attachment()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        var id = await EnqueueAsync(server, "receipt", "lead@camden.gov.test", $"Re: {Script}", $"You wrote: {Script}\n<a href=\"javascript:alert(2)\">x</a>");
        using var viewer = await server.SignInAsync("viewer@lga.test");

        Assert.That((await viewer.GetAsync("/outbox")).Body, Does.Contain($"href=\"/outbox/{id}\"").And.Not.Contain("<script>alert"));
        var (status, show) = await viewer.GetAsync($"/outbox/{id}");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(show, Does.Contain("Re: " + EncodedScript).And.Contain("You wrote: " + EncodedScript).And.Contain("javascript:alert(2)"));
        Assert.That(show, Does.Not.Contain("<script>alert").And.Not.Contain("href=\"javascript:"));
        Assert.That(show, Does.Contain("lead@camden.gov.test").And.Contain("pending").And.Contain("round:1"));

        using var download = await viewer.GetResponseAsync($"/outbox/{id}/message.eml");
        Assert.That(download.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
        Assert.That(download.Content.Headers.ContentDisposition?.FileName, Is.EqualTo($"outbox-{id}.eml"));
        var message = await MimeMessage.LoadAsync(await download.Content.ReadAsStreamAsync());
        Assert.That(message.Subject, Is.EqualTo($"Re: {Script}"));
    }

    internal static async Task<long> EnqueueAsync(ConsoleServer server, string kind, string recipient, string subject, string text, string topic = "round:1")
    {
        var writer = server.Services.GetRequiredService<OutboxWriter>();
        await using var connection = await server.Services.GetRequiredService<Database>().OpenAsync();
        await using var transaction = connection.BeginTransaction();
        var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = text } };
        message.From.Add(MailboxAddress.Parse("stp@lga.test"));
        message.To.Add(MailboxAddress.Parse(recipient));
        var id = await writer.EnqueueAsync(connection, transaction, new OutgoingMessage(kind, topic, null, message));
        await transaction.CommitAsync();
        return id;
    }
}
