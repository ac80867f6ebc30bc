using System.Net;
using System.Text;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Accounts;
using StpCollector.Audit;
using StpCollector.Ingestion;
using StpCollector.Outbox;
using StpCollector.Storage;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Web;

/// <summary>The first staff actions in the console: discarding a held message and sending a failed message again.</summary>
public sealed class StaffActionPagesTests
{
    [Test]
    public async Task An_officer_discards_a_held_message_with_a_reason_which_is_audited_and_a_viewer_is_refused()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        var id = await HoldingPenPageTests.IngestAsync(server, Encoding.UTF8.GetBytes(
            "From: Stray <stray@example.test>\r\nTo: returns@lga.test\r\nSubject: Hello\r\nMessage-ID: <stray-1@example.test>\r\n\r\nNot a return.\r\n"));
        using var viewer = await server.SignInAsync("viewer@lga.test");
        Assert.That((await viewer.GetAsync($"/holding-pen/{id}")).Body, Does.Not.Contain($"/holding-pen/{id}/discard"), "viewers are not offered the action");
        using var refused = await viewer.PostFormAsync($"/holding-pen/{id}/discard", new() { ["Reason"] = "spam" }, formPage: "/");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        using var officer = await server.SignInAsync("officer@lga.test", StaffRole.Officer);
        Assert.That((await officer.GetAsync($"/holding-pen/{id}")).Body, Does.Contain($"/holding-pen/{id}/discard"));
        using var empty = await officer.PostFormAsync($"/holding-pen/{id}/discard", new() { ["Reason"] = "  " });
        Assert.That(empty.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), string.Join("\n", Directory.GetFiles(Path.Combine(data.Path, "logs")).Select(File.ReadAllText)));
        Assert.That(await empty.Content.ReadAsStringAsync(), Does.Contain("Say why the message is discarded"));

        using var done = await officer.PostFormAsync($"/holding-pen/{id}/discard", new() { ["Reason"] = "sent to us by mistake" });
        Assert.That(done.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await officer.GetAsync(done.Headers.Location!.ToString())).Body, Does.Contain("The message was discarded"));
        var entry = await server.Services.GetRequiredService<HoldingPen>().GetAsync(id, CancellationToken.None);
        Assert.That(entry.Outcome, Is.EqualTo("discarded"));

        using var twice = await officer.PostFormAsync($"/holding-pen/{id}/discard", new() { ["Reason"] = "again" }, formPage: $"/holding-pen/{id}");
        Assert.That(twice.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "a message already resolved is not discarded again");
        var audit = await server.Services.GetRequiredService<AuditLog>().ListAsync(null, 20);
        var discard = audit.Single(a => a.Action == "holding-pen discard");
        Assert.That((discard.Actor, discard.RecordId, discard.Before, discard.After, discard.Detail),
            Is.EqualTo(("officer@lga.test", id.ToString(), "held", "discarded", "sent to us by mistake")));
    }

    [Test]
    public async Task An_officer_sends_a_failed_message_again_but_never_a_sent_one()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        var failed = await OutboxPageTests.EnqueueAsync(server, "invitation", "lead@camden.gov.test", "Invitation", "Please reply");
        var sent = await OutboxPageTests.EnqueueAsync(server, "invitation", "lead@barnet.gov.test", "Invitation", "Please reply");
        await using (var connection = await server.Services.GetRequiredService<Database>().OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE outbox SET status = 'failed', attempts = 8 WHERE id = @failed", new { failed });
            await connection.ExecuteAsync("UPDATE outbox SET status = 'sent', sent_at = '2026-12-01T09:00:00.000Z' WHERE id = @sent", new { sent });
        }

        using var officer = await server.SignInAsync("officer@lga.test", StaffRole.Officer);
        Assert.That((await officer.GetAsync($"/outbox/{failed}")).Body, Does.Contain($"/outbox/{failed}/retry"));
        Assert.That((await officer.GetAsync($"/outbox/{sent}")).Body, Does.Not.Contain($"/outbox/{sent}/retry"));

        using var retried = await officer.PostFormAsync($"/outbox/{failed}/retry", []);
        Assert.That(retried.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var (entry, _) = await server.Services.GetRequiredService<OutboxBrowser>().GetAsync(failed, CancellationToken.None);
        Assert.That((entry.Status, entry.Attempts), Is.EqualTo(("pending", 0L)));

        using var refused = await officer.PostFormAsync($"/outbox/{sent}/retry", []);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), Does.Contain("was already sent"));
        var audit = await server.Services.GetRequiredService<AuditLog>().ListAsync(null, 20);
        Assert.That(audit.Where(a => a.Action == "outbox retry").Select(a => (a.RecordId, a.Before, a.After)), Is.EqualTo(new[] { (failed.ToString(), "failed", "pending") }));
    }

    [Test]
    public async Task An_officer_cancels_a_waiting_message_which_is_then_never_sent_but_a_sent_one_cannot_be_called_back()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        var waiting = await OutboxPageTests.EnqueueAsync(server, "reminder", "lead@camden.gov.test", "Reminder", "Please reply");
        var sent = await OutboxPageTests.EnqueueAsync(server, "reminder", "lead@barnet.gov.test", "Reminder", "Please reply");
        await using (var connection = await server.Services.GetRequiredService<Database>().OpenAsync())
            await connection.ExecuteAsync("UPDATE outbox SET status = 'sent', sent_at = '2026-12-01T09:00:00.000Z' WHERE id = @sent", new { sent });

        using var officer = await server.SignInAsync("officer@lga.test", StaffRole.Officer);
        Assert.That((await officer.GetAsync($"/outbox/{waiting}")).Body, Does.Contain($"/outbox/{waiting}/cancel"));
        Assert.That((await officer.GetAsync($"/outbox/{sent}")).Body, Does.Not.Contain($"/outbox/{sent}/cancel"));

        using var cancelled = await officer.PostFormAsync($"/outbox/{waiting}/cancel", []);
        Assert.That(cancelled.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await officer.GetAsync(cancelled.Headers.Location!.ToString())).Body, Does.Contain("it will not be sent"));
        var (entry, _) = await server.Services.GetRequiredService<OutboxBrowser>().GetAsync(waiting, CancellationToken.None);
        Assert.That(entry.Status, Is.EqualTo("cancelled"));

        using var again = await officer.PostFormAsync($"/outbox/{waiting}/cancel", [], formPage: $"/outbox/{waiting}");
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()), Does.Contain("is already cancelled"));
        using var refused = await officer.PostFormAsync($"/outbox/{sent}/cancel", []);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), Does.Contain("was already sent").And.Contain("cannot be called back"));

        var audit = await server.Services.GetRequiredService<AuditLog>().ListAsync(null, 20);
        Assert.That(audit.Where(a => a.Action == "outbox cancel").Select(a => (a.Actor, a.RecordId, a.Before, a.After)),
            Is.EqualTo(new[] { ("officer@lga.test", waiting.ToString(), "pending", "cancelled") }));
    }
}
