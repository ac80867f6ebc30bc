using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Accounts;
using StpCollector.Audit;
using StpCollector.Ingestion;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Web;

/// <summary>Officers assign a held reply to a council and round from the console, as `holding-pen assign` does.</summary>
public sealed class HoldingPenAssignPageTests
{
    private const string Camden = "E09000007";
    private const string Islington = "E09000019";

    /// <summary>A reply from someone who is no contact of any council, to a round over Camden and Islington: held, with its id.</summary>
    internal static async Task<long> HeldStrangerAsync(IngestionWorld world, string reference = "STP-R5")
    {
        var roundId = await world.CreateRoundAsync(reference, [Camden, Islington]);
        var values = new Dictionary<string, string> { ["ROUND"] = reference, ["TOKEN_ADDRESS"] = world.TokenAddress(roundId, Camden) };
        var result = await world.IngestEmailAsync(IngestionWorld.Fill("unknown-sender.eml", values));
        Assert.That(result.Outcome, Is.EqualTo("held"), result.Reason);
        return result.Id!.Value;
    }

    [Test]
    public async Task An_officer_assigns_a_held_reply_and_lands_on_its_return_without_a_receipt_to_a_stranger_and_a_second_assign_is_refused()
    {
        using var world = await IngestionWorld.StartAsync();
        var id = await HeldStrangerAsync(world);
        await using var server = await ConsoleServer.StartAsync(world.Data);

        using var viewer = await server.SignInAsync("viewer@lga.test");
        Assert.That((await viewer.GetAsync($"/holding-pen/{id}")).Body, Does.Not.Contain($"/holding-pen/{id}/assign"), "viewers are not offered the action");
        Assert.That((await viewer.GetAsync($"/holding-pen/{id}/assign")).Status, Is.EqualTo(HttpStatusCode.Forbidden));
        using var refused = await viewer.PostFormAsync($"/holding-pen/{id}/assign", new() { ["Council"] = Islington, ["Round"] = "STP-R5" }, formPage: "/");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        using var officer = await server.SignInAsync("officer@lga.test", StaffRole.Officer);
        Assert.That((await officer.GetAsync($"/holding-pen/{id}")).Body, Does.Contain($"/holding-pen/{id}/assign"));
        var (formStatus, form) = await officer.GetAsync($"/holding-pen/{id}/assign");
        Assert.That(formStatus, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(form, Does.Contain("Islington (E09000019)").And.Contain("STP-R5").And.Contain("Send the receipt to someone@consultancy.example"));
        Assert.That((await officer.GetAsync("/holding-pen/999/assign")).Status, Is.EqualTo(HttpStatusCode.NotFound));

        using var unchosen = await officer.PostFormAsync($"/holding-pen/{id}/assign", new() { ["Council"] = "", ["Round"] = "STP-R99" });
        Assert.That(unchosen.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await unchosen.Content.ReadAsStringAsync(), Does.Contain("Choose the council the message is from").And.Contain("Choose the round the message answers"));

        using var done = await officer.PostFormAsync($"/holding-pen/{id}/assign", new() { ["Council"] = Islington, ["Round"] = "STP-R5" });
        Assert.That(done.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await done.Content.ReadAsStringAsync());
        var location = done.Headers.Location!.ToString();
        var returnId = await world.ScalarAsync<long>("SELECT id FROM returns WHERE inbound_id = @id", new { id });
        Assert.That(location, Does.StartWith($"/returns/{returnId}?done=assigned"));
        var page = WebUtility.HtmlDecode((await officer.GetAsync(location)).Body);
        Assert.That(page, Does.Contain("The held message was assigned").And.Contain("No receipt was sent").And.Contain("Islington"));
        Assert.That(await world.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE kind = 'receipt'"), Is.Zero, "never a receipt to a stranger unless the officer asks");
        Assert.That((await server.Services.GetRequiredService<HoldingPen>().GetAsync(id, CancellationToken.None)).Outcome, Is.EqualTo("stored"));

        using var twice = await officer.PostFormAsync($"/holding-pen/{id}/assign", new() { ["Council"] = Islington, ["Round"] = "STP-R5" });
        Assert.That(twice.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(WebUtility.HtmlDecode(await twice.Content.ReadAsStringAsync()), Does.Contain("is no longer in the holding pen (its outcome is stored)"));

        var audit = (await server.Services.GetRequiredService<AuditLog>().ListAsync(null, 20)).Single(a => a.Action == "holding-pen assign");
        Assert.That((audit.Actor, audit.RecordId, audit.Before, audit.After), Is.EqualTo(("officer@lga.test", id.ToString(), "held", "stored")));
        Assert.That(audit.Detail, Does.Contain("STP-R5 / E09000019").And.Contain("no receipt sent"));
    }

    [Test]
    public async Task Ticking_the_receipt_box_sends_the_receipt_to_the_sender_as_receipt_to_does()
    {
        using var world = await IngestionWorld.StartAsync();
        var id = await HeldStrangerAsync(world);
        await using var server = await ConsoleServer.StartAsync(world.Data);
        using var officer = await server.SignInAsync("officer@lga.test", StaffRole.Officer);

        using var done = await officer.PostFormAsync($"/holding-pen/{id}/assign", new() { ["Council"] = Camden, ["Round"] = "STP-R5", ["ReceiptToSender"] = "true" });
        Assert.That(done.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await done.Content.ReadAsStringAsync());
        Assert.That(done.Headers.Location!.ToString(), Does.Not.Contain("receipt=none"));
        Assert.That(await world.QueryAsync<string>("SELECT recipient FROM outbox WHERE kind = 'receipt'"), Is.EqualTo(new[] { "someone@consultancy.example" }));
    }
}
