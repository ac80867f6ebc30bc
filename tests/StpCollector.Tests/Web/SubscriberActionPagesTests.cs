using System.Net;
using System.Text;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Accounts;
using StpCollector.Audit;
using StpCollector.Bulletins;
using StpCollector.Storage;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Web;

/// <summary>Officers look after the bulletin's subscribers in the console: add one, import a CSV (checked first), remove one; bounces are plain to see.</summary>
public sealed class SubscriberActionPagesTests
{
    [Test]
    public async Task An_officer_adds_a_subscriber_and_wrong_input_is_asked_again_with_the_words_kept()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        using var viewer = await server.SignInAsync("viewer@lga.test");
        Assert.That((await viewer.GetAsync("/subscribers")).Body, Does.Not.Contain("/subscribers/add"), "viewers are not offered the action");
        using var officer = await server.SignInAsync("officer@lga.test", StaffRole.Officer);
        Assert.That((await officer.GetAsync("/subscribers")).Body, Does.Contain("/subscribers/add").And.Contain("/subscribers/import"));

        using var empty = await officer.PostFormAsync("/subscribers/add", new() { ["Email"] = " ", ["Name"] = "Ada" });
        Assert.That(empty.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await empty.Content.ReadAsStringAsync(), Does.Contain("Enter the subscriber&#x27;s email address"));
        using var wrong = await officer.PostFormAsync("/subscribers/add", new() { ["Email"] = "ada at council", ["Name"] = "<script>alert(1)</script>" });
        var body = await wrong.Content.ReadAsStringAsync();
        Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body, Does.Contain("&#x27;ada at council&#x27; is not an email address").And.Contain("value=\"ada at council\""));
        Assert.That(body, Does.Contain("&lt;script&gt;alert(1)&lt;/script&gt;").And.Not.Contain("<script>alert"));

        using var added = await officer.PostFormAsync("/subscribers/add", new() { ["Email"] = "Ada@Council.test", ["Name"] = "Ada <b>Lovelace</b>" });
        Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var list = (await officer.GetAsync(added.Headers.Location!.ToString())).Body;
        Assert.That(list, Does.Contain("The subscriber is added").And.Contain("ada@council.test").And.Contain("Ada &lt;b&gt;Lovelace&lt;/b&gt;"));
        var entry = (await server.Services.GetRequiredService<AuditLog>().ListAsync(null, 10)).Single(e => e.Action == "subscribers add");
        Assert.That((entry.Actor, entry.RecordId), Is.EqualTo(("officer@lga.test", "ada@council.test")));
    }

    [Test]
    public async Task A_csv_with_bad_lines_imports_nothing_and_names_each_line_unless_the_good_lines_are_asked_for()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        using var officer = await server.SignInAsync("officer@lga.test", StaffRole.Officer);
        const string csv = "email,name\nada@council.test,Ada\nnot-an-address,Bad\nben@council.test,Ben\nADA@council.test,Again\n,Nobody\n";

        using var refused = await officer.PostFormAsync("/subscribers/import", new() { ["Csv"] = csv });
        var body = await refused.Content.ReadAsStringAsync();
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body, Does.Contain("Line 3: &#x27;not-an-address&#x27; is not a valid email address")
            .And.Contain("Line 5: repeats line 2 (same email)").And.Contain("Line 6: email is empty")
            .And.Contain("Nothing was imported: 3 lines need fixing"));
        Assert.That(PageAssertions.Parse(body).QuerySelector("textarea#Csv")!.TextContent, Is.EqualTo(csv), "the pasted lines are kept");
        Assert.That(await server.Services.GetRequiredService<SubscriberStore>().ListAsync(activeOnly: false), Is.Empty, "nothing saved");

        using var noHeader = await officer.PostFormAsync("/subscribers/import", new() { ["Csv"] = "address\nada@council.test\n" });
        Assert.That(noHeader.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await noHeader.Content.ReadAsStringAsync(), Does.Contain("missing column email"));
        using var nothing = await officer.PostFormAsync("/subscribers/import", new() { ["Csv"] = "" });
        Assert.That(await nothing.Content.ReadAsStringAsync(), Does.Contain("Choose a CSV file, or paste its lines"));

        using var good = await officer.PostFormAsync("/subscribers/import", new() { ["Csv"] = csv, ["SkipInvalid"] = "true" });
        Assert.That(good.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await officer.GetAsync(good.Headers.Location!.ToString())).Body, Does.Contain("Subscribers imported: 2 added, 0 updated, 0 unchanged, 0 left unsubscribed or suspended, 3 invalid line(s) left out."));
        Assert.That((await server.Services.GetRequiredService<SubscriberStore>().ListAsync(activeOnly: false)).Select(s => s.Email),
            Is.EqualTo(new[] { "ada@council.test", "ben@council.test" }));

        // An uploaded file, as a browser sends it.
        var upload = await PostFileAsync(officer, "/subscribers/import", "members.csv", "email,name\ncyd@council.test,Cyd\n");
        Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await upload.Content.ReadAsStringAsync());
        var binary = await PostFileAsync(officer, "/subscribers/import", "members.xlsx", "PK\u0003\u0004\0\0\0\0binary");
        var refusedBinary = await binary.Content.ReadAsStringAsync();
        Assert.That(binary.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(refusedBinary, Does.Contain("members.xlsx is not a text CSV file").And.Not.Contain("field is required"));
        var entry = (await server.Services.GetRequiredService<AuditLog>().ListAsync(null, 10)).First(e => e.Action == "subscribers import");
        Assert.That((entry.Actor, entry.RecordId, entry.Detail), Is.EqualTo(("officer@lga.test", "members.csv",
            "1 added, 0 updated, 0 unchanged, 0 left unsubscribed or suspended, 0 invalid skipped")));
    }

    [Test]
    public async Task An_officer_removes_a_subscriber_after_confirming_and_the_list_shows_bounces()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        var store = server.Services.GetRequiredService<SubscriberStore>();
        var (gone, _) = await store.AddAsync("gone@council.test", "Gone");
        var (bounced, _) = await store.AddAsync("bounced@council.test", "Bounced");
        await using (var connection = await server.Services.GetRequiredService<Database>().OpenAsync())
            await connection.ExecuteAsync("""
                UPDATE subscribers SET hard_bounces = 2, last_bounce_at = '2026-11-03T09:00:00.000Z',
                       last_bounce_reason = '550 5.1.1 <script>alert(1)</script> mailbox unavailable' WHERE id = @Id
                """, new { bounced.Id });
        using var officer = await server.SignInAsync("officer@lga.test", StaffRole.Officer);

        var list = (await officer.GetAsync("/subscribers")).Body;
        Assert.That(list, Does.Contain("bounced</strong>").And.Contain("550 5.1.1 &lt;script&gt;alert(1)&lt;/script&gt; mailbox unavailable"));
        Assert.That(list, Does.Contain($"/subscribers/{gone.Id}/remove"));
        Assert.That((await officer.GetAsync($"/subscribers/{gone.Id}/remove")).Body, Does.Contain("Remove gone@council.test from the list?"));
        Assert.That((await officer.GetAsync("/subscribers/999/remove")).Status, Is.EqualTo(HttpStatusCode.NotFound));

        using var removed = await officer.PostFormAsync($"/subscribers/{gone.Id}/remove", []);
        Assert.That(removed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await officer.GetAsync(removed.Headers.Location!.ToString())).Body, Does.Contain("The subscriber is removed").And.Not.Contain("gone@council.test"));
        using var twice = await officer.PostFormAsync($"/subscribers/{gone.Id}/remove", [], formPage: "/subscribers");
        Assert.That(twice.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var entry = (await server.Services.GetRequiredService<AuditLog>().ListAsync(null, 10)).Single(e => e.Action == "subscribers remove");
        Assert.That((entry.Actor, entry.RecordId, entry.Before, entry.After), Is.EqualTo(("officer@lga.test", "gone@council.test", "active", "removed")));
    }

    /// <summary>A multipart upload with the form's antiforgery token, as a browser posts a file.</summary>
    internal static async Task<HttpResponseMessage> PostFileAsync(ConsoleClient client, string path, string fileName, string content)
    {
        var (_, page) = await client.GetAsync(path);
        var token = PageAssertions.Parse(page).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(content)), "Upload", fileName },
        };
        return await client.Http.PostAsync(path, form);
    }
}
