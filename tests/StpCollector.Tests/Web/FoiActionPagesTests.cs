using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Accounts;
using StpCollector.Audit;
using StpCollector.Foi;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Web;

/// <summary>Officers record what a council did with an FoI request and code answers from its letter, as `foi classify` and `foi code` do.</summary>
public sealed class FoiActionPagesTests
{
    private static readonly Dictionary<string, string?> MidDecember = new() { ["Clock:Now"] = "2026-12-15T10:00:00Z" };

    [Test]
    public async Task An_officer_records_a_refusal_with_its_exemption_and_a_colleague_who_saw_the_old_status_is_told_and_keeps_their_choice()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data, MidDecember);
        var id = (await FoiPageTests.CreateSentBatchAsync(server)).RequestIds[0];
        using var viewer = await server.SignInAsync("viewer@lga.test");
        Assert.That((await viewer.GetAsync($"/foi/{id}")).Body, Does.Not.Contain($"/foi/{id}/classify"), "viewers are not offered the action");
        using var first = await server.SignInAsync("first@lga.test", StaffRole.Officer);
        using var second = await server.SignInAsync("second@lga.test", StaffRole.Officer);
        Assert.That((await first.GetAsync($"/foi/{id}")).Body, Does.Contain($"/foi/{id}/classify").And.Contain($"/foi/{id}/code"));

        using (var none = await first.PostFormAsync($"/foi/{id}/classify", new() { ["Seen"] = "awaiting_response" }))
        {
            Assert.That(none.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await none.Content.ReadAsStringAsync(), Does.Contain("Choose what the council did"));
        }

        using (var tooLong = await first.PostFormAsync($"/foi/{id}/classify", new() { ["Status"] = "refused", ["Exemption"] = new string('s', 101), ["Seen"] = "awaiting_response" }))
        {
            Assert.That(tooLong.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(WebUtility.HtmlDecode(await tooLong.Content.ReadAsStringAsync()), Does.Contain("give just the section cited"));
        }

        var secondForm = (await second.GetAsync($"/foi/{id}/classify")).Body;
        Assert.That(secondForm, Does.Contain("name=\"Seen\" value=\"awaiting_response\""));
        using (var refused = await first.PostFormAsync($"/foi/{id}/classify", new() { ["Status"] = "refused", ["Exemption"] = " s.12 ", ["Seen"] = "awaiting_response" }))
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(refused.Headers.Location!.ToString(), Is.EqualTo($"/foi/{id}?done=classified"));
        }

        var show = (await viewer.GetAsync($"/foi/{id}?done=classified")).Body;
        Assert.That(show, Does.Contain("The council&#x27;s response is recorded").And.Contain("exemption s.12").And.Contain("Set to refused by staff, exemption s.12"));

        using var late = await second.PostFormAsync($"/foi/{id}/classify", new() { ["Status"] = "answered", ["Seen"] = "awaiting_response" }, formPage: $"/foi/{id}");
        Assert.That(late.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        var lateBody = WebUtility.HtmlDecode(await late.Content.ReadAsStringAsync());
        Assert.That(lateBody, Does.Contain("was changed by someone else since you opened it: it is now refused").And.Contain("Your change was not saved"));
        Assert.That(lateBody, Does.Contain("value=\"answered\" checked=\"checked\""), "their own choice is still selected");
        Assert.That(lateBody, Does.Contain("name=\"Seen\" value=\"refused\""), "saving again now applies to what they have just been shown");
        Assert.That((await server.Services.GetRequiredService<FoiClassifier>().StoredStatusAsync(id, CancellationToken.None)), Is.EqualTo("refused"), "nothing was overwritten");

        var audit = await server.Services.GetRequiredService<AuditLog>().ListAsync(null, 20);
        Assert.That(audit.Where(a => a.Action == "foi classify").Select(a => (a.Actor, a.RecordId, a.Before, a.After, a.Detail)),
            Is.EqualTo(new[] { ("first@lga.test", id.ToString(), "awaiting_response", "refused", "exemption s.12") }));
    }

    [Test]
    public async Task An_officer_codes_an_answer_from_a_letter_checked_like_a_councils_and_a_wrong_answer_is_explained()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data, MidDecember);
        var id = (await FoiPageTests.CreateSentBatchAsync(server)).RequestIds[1];
        using var officer = await server.SignInAsync("officer@lga.test", StaffRole.Officer);

        var form = (await officer.GetAsync($"/foi/{id}/code")).Body;
        Assert.That(form, Does.Contain("<option value=\"Q5\"").And.Contain("Choose a question"));
        using (var missing = await officer.PostFormAsync($"/foi/{id}/code", new() { ["Question"] = "", ["Answer"] = " " }))
        {
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await missing.Content.ReadAsStringAsync(), Does.Contain("Choose the question the letter answers").And.Contain("Enter the answer as the letter gives it"));
        }

        using (var wrong = await officer.PostFormAsync($"/foi/{id}/code", new() { ["Question"] = "Q5", ["Answer"] = "<script>alert(1)</script> maybe" }))
        {
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            var body = await wrong.Content.ReadAsStringAsync();
            Assert.That(WebUtility.HtmlDecode(body), Does.Contain("Not recorded:"));
            Assert.That(body, Does.Contain("&lt;script&gt;alert(1)&lt;/script&gt; maybe").And.Not.Contain("<script>alert"), "what was typed comes back as text");
        }

        using (var coded = await officer.PostFormAsync($"/foi/{id}/code", new() { ["Question"] = "Q5", ["Answer"] = "closely involved" }))
        {
            Assert.That(coded.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(coded.Headers.Location!.ToString(), Is.EqualTo($"/foi/{id}?done=coded"));
        }

        var show = (await officer.GetAsync($"/foi/{id}?done=coded")).Body;
        Assert.That(show, Does.Contain("The answer is recorded").And.Contain("closely_involved"));
        Assert.That((await officer.GetAsync($"/foi/{id}/code")).Body, Does.Contain("(now: closely_involved)"), "the form shows what is already recorded");
        var audit = await server.Services.GetRequiredService<AuditLog>().ListAsync(null, 20);
        Assert.That(audit.Where(a => a.Action == "foi code").Select(a => (a.Actor, a.RecordId, a.After)),
            Is.EqualTo(new[] { ("officer@lga.test", id.ToString(), "Q5 = closely_involved") }));
        Assert.That((await officer.GetAsync("/foi/999/code")).Status, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
