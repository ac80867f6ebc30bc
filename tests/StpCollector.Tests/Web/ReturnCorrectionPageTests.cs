using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using StpCollector.Accounts;
using StpCollector.Audit;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Web;

/// <summary>Officers correct an answer on the return page: the council's answer stays, the correction is shown beside it with the reason.</summary>
public sealed class ReturnCorrectionPageTests
{
    private const string Camden = "E09000007";

    /// <summary>Camden's lead replies to a round over Camden: Q1 yes, Q9 12 %, Q16 hostile text. Returns the stored return's id.</summary>
    internal static async Task<long> CamdenReturnAsync(IngestionWorld world, string reference = "STP-R7")
    {
        var roundId = await world.CreateRoundAsync(reference, [Camden]);
        var message = new MimeMessage { Subject = $"RE: [{reference}] Our return", MessageId = $"{Guid.NewGuid():N}@camden.gov.test", Date = DateTimeOffset.UtcNow.AddMinutes(-5) };
        message.From.Add(new MailboxAddress("Zara", "stp.lead@camden.gov.test"));
        message.To.Add(MailboxAddress.Parse(world.TokenAddress(roundId, Camden)));
        message.Body = new TextPart("plain") { Text = "Q1: Yes\nQ9: 12%\nQ16: <script>alert(1)</script>\n" };
        using var buffer = new MemoryStream();
        message.WriteTo(buffer);
        var result = await world.IngestEmailAsync(buffer.ToArray());
        return await world.ScalarAsync<long>("SELECT id FROM returns WHERE inbound_id = @Id", new { result.Id });
    }

    [Test]
    public async Task An_officer_corrects_an_answer_and_the_return_page_shows_both_values_with_the_reason_and_a_viewer_is_refused()
    {
        using var world = await IngestionWorld.StartAsync();
        var id = await CamdenReturnAsync(world);
        await using var server = await ConsoleServer.StartAsync(world.Data);
        var path = $"/returns/{id}/answers/Q9/correct";

        using var viewer = await server.SignInAsync("viewer@lga.test");
        Assert.That((await viewer.GetAsync($"/returns/{id}")).Body, Does.Not.Contain(path), "viewers are not offered the action");
        using var refused = await viewer.PostFormAsync(path, new() { ["Value"] = "15", ["Reason"] = "x", ["Version"] = "0" }, formPage: "/");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        using var officer = await server.SignInAsync("officer@lga.test", StaffRole.Officer);
        Assert.That((await officer.GetAsync($"/returns/{id}")).Body, Does.Contain(path));
        Assert.That((await officer.GetAsync($"/returns/{id}/answers/Q99/correct")).Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await officer.GetAsync("/returns/999/answers/Q9/correct")).Status, Is.EqualTo(HttpStatusCode.NotFound));

        using var noReason = await officer.PostFormAsync(path, new() { ["Value"] = "15%", ["Reason"] = " ", ["Version"] = "0" });
        Assert.That(noReason.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var noReasonPage = WebUtility.HtmlDecode(await noReason.Content.ReadAsStringAsync());
        Assert.That(noReasonPage, Does.Contain("Say why the answer is corrected").And.Contain("value=\"15%\""), "the typed value is kept");

        using var notAPercent = await officer.PostFormAsync(path, new() { ["Value"] = "lots", ["Reason"] = "phoned", ["Version"] = "0" });
        Assert.That(notAPercent.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(WebUtility.HtmlDecode(await notAPercent.Content.ReadAsStringAsync()), Does.Contain("lots").And.Contain("phoned"));

        using var done = await officer.PostFormAsync(path, new() { ["Value"] = "15 %", ["Reason"] = "The lead confirmed <b>15</b> by phone", ["Version"] = "0" });
        Assert.That(done.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await done.Content.ReadAsStringAsync());
        var page = (await officer.GetAsync(done.Headers.Location!.ToString())).Body;
        Assert.That(page, Does.Contain("The correction was saved"));
        Assert.That(page, Does.Contain("Sent by the council: 12").And.Contain("Corrected by officer@lga.test on").And.Contain("The lead confirmed &lt;b&gt;15&lt;/b&gt; by phone"));
        Assert.That(await world.ScalarAsync<string>("SELECT value FROM answers WHERE return_id = @id AND question_id = 'Q9'", new { id }), Is.EqualTo("12"));

        var missingBefore = PageAssertions.Parse(page).QuerySelector("dl")!.TextContent;
        Assert.That(missingBefore, Does.Contain("Q2: not answered"));
        using var filled = await officer.PostFormAsync($"/returns/{id}/answers/Q2/correct", new() { ["Value"] = "No", ["Reason"] = "the lead said so by phone", ["Version"] = "0" });
        Assert.That(filled.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var missingAfter = PageAssertions.Parse((await officer.GetAsync($"/returns/{id}")).Body).QuerySelector("dl")!.TextContent;
        Assert.That(missingAfter, Does.Not.Contain("Q2: not answered").And.Contain("Q3: not answered"), "a corrected answer counts as answered");

        var audit = (await server.Services.GetRequiredService<AuditLog>().ListAsync(null, 20)).First(a => a.Action == "returns correct" && a.RecordId.EndsWith("/Q9", StringComparison.Ordinal));
        Assert.That((audit.Actor, audit.RecordId, audit.Before, audit.After, audit.Detail),
            Is.EqualTo(("officer@lga.test", $"{id}/Q9", "12", "15", "The lead confirmed <b>15</b> by phone")));
    }

    [Test]
    public async Task Two_officers_correct_the_same_answer_at_once_and_the_second_gets_409_with_their_text_kept()
    {
        using var world = await IngestionWorld.StartAsync();
        var id = await CamdenReturnAsync(world);
        await using var server = await ConsoleServer.StartAsync(world.Data);
        var path = $"/returns/{id}/answers/Q1/correct";
        using var first = await server.SignInAsync("first@lga.test", StaffRole.Officer);
        using var second = await server.SignInAsync("second@lga.test", StaffRole.Officer);
        Assert.That((await first.GetAsync(path)).Body, Does.Contain("name=\"Version\" value=\"0\""));
        Assert.That((await second.GetAsync(path)).Body, Does.Contain("name=\"Version\" value=\"0\""));

        using var saved = await first.PostFormAsync(path, new() { ["Value"] = "Partly", ["Reason"] = "confirmed by email", ["Version"] = "0" });
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        using var conflict = await second.PostFormAsync(path, new() { ["Value"] = "No", ["Reason"] = "my own reading of the minutes", ["Version"] = "0" });
        Assert.That(conflict.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        var page = WebUtility.HtmlDecode(await conflict.Content.ReadAsStringAsync());
        Assert.That(page, Does.Contain("first@lga.test corrected this answer since you opened it (now: partly)"));
        Assert.That(page, Does.Contain("my own reading of the minutes").And.Contain("value=\"No\""), "what the second officer typed is kept");
        Assert.That(page, Does.Contain("name=\"Version\" value=\"1\""), "saving again starts from the colleague's correction");

        using var again = await second.PostFormAsync(path, new() { ["Value"] = "No", ["Reason"] = "my own reading of the minutes", ["Version"] = "1" });
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var show = WebUtility.HtmlDecode((await second.GetAsync($"/returns/{id}")).Body);
        Assert.That(show, Does.Contain("Sent by the council: yes").And.Contain("confirmed by email").And.Contain("my own reading of the minutes"));
    }

    [Test]
    public async Task The_command_line_corrects_through_the_same_rules()
    {
        using var world = await IngestionWorld.StartAsync();
        var id = await CamdenReturnAsync(world);
        world.Host.Dispose();
        string[] Dir(params string[] args) => [.. args, "--data-dir", world.Data.Path];

        var bad = await AppProcess.RunAsync(Dir("returns", "correct", id.ToString(), "Q1", "maybe", "--reason", "phoned"));
        var done = await AppProcess.RunAsync(Dir("returns", "correct", id.ToString(), "Q1", "No", "--reason", "phoned"));

        Assert.That(bad.ExitCode, Is.Not.Zero);
        Assert.That(bad.Stderr, Does.Contain("maybe"));
        Assert.That(done.ExitCode, Is.Zero, done.Stderr);
        Assert.That(done.Stdout, Does.Contain($"Corrected Q1 of return #{id}: yes -> no"));
        Assert.That(await world.ScalarAsync<string>("SELECT corrected_by FROM answer_corrections"), Does.StartWith("cli:"));
    }
}
