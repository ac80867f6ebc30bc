using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Accounts;
using StpCollector.Audit;
using StpCollector.Contacts;
using StpCollector.Storage;
using StpCollector.Tests.Support;
using StpCollector.Tests.Web.Actions;

namespace StpCollector.Tests.Web;

/// <summary>Officers upload, check and import contacts, change, deactivate and remove them; viewers only read.</summary>
public sealed partial class ContactActionPagesTests
{
    private const string Header = "council_code,name,email,role\r\n";

    [Test]
    public async Task A_file_with_a_bad_row_is_checked_first_every_problem_named_and_nothing_saved_until_the_officer_chooses()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        using var officer = await server.SignInAsync("officer@lga.test", StaffRole.Officer);
        var csv = Header + "E09000007,Zara Khan,zara@camden.gov.test,lead\r\nE09000019,Ian Lowe,not-an-address,lead\r\nE99999999,<script>alert(1)</script>,x@y.test,boss\r\n" +
                  "E09000003,Bea Stone,bea@barnet.gov.test,foi\r\n";

        using var checkedUpload = await UploadAsync(officer, "contacts.csv", Encoding.UTF8.GetBytes(csv));
        Assert.That(checkedUpload.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await checkedUpload.Content.ReadAsStringAsync());
        var checkPath = checkedUpload.Headers.Location!.ToString();
        Assert.That(checkPath, Does.Match("^/contacts/upload/[0-9a-f]{32}$"));
        Assert.That(await ContactCountAsync(server), Is.Zero, "checking saves nothing");

        var (status, page) = await officer.GetAsync(checkPath);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        var text = WebUtility.HtmlDecode(page);
        Assert.That(text, Does.Contain("Line 3").And.Contain("'not-an-address' is not a valid email address"));
        Assert.That(text, Does.Contain("Line 4").And.Contain("unknown council code 'E99999999'").And.Contain("unknown role 'boss'"));
        Assert.That(page, Does.Not.Contain("<script>alert"));
        var problems = PageAssertions.Parse(page).QuerySelectorAll("#problems tbody tr").Select(r => r.TextContent).ToList();
        Assert.That(problems, Has.Count.EqualTo(3), "one row per problem: line 3's email, line 4's council and role");
        Assert.That(problems[0], Does.Contain("email"));
        Assert.That(text, Does.Contain("Import the 2 good rows and skip the 2 bad ones").And.Contain("Import nothing, I will fix the file"));

        using var download = await officer.GetResponseAsync(checkPath + "/problems.csv");
        Assert.That(download.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
        var problemsFile = await download.Content.ReadAsStringAsync();
        Assert.That(problemsFile, Does.Contain("line,column,problem").And.Contain("3,email,'not-an-address' is not a valid email address").And.Contain("4,role,"));

        using var nothing = await officer.PostFormAsync(checkPath, new() { ["Choice"] = "discard", ["Good"] = "2", ["Bad"] = "2" });
        Assert.That(nothing.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await ContactCountAsync(server), Is.Zero);
        Assert.That((await officer.GetAsync(checkPath)).Status, Is.EqualTo(HttpStatusCode.NotFound), "the file set aside is gone");
        Assert.That(Directory.GetDirectories(Path.Combine(data.Path, "pending-uploads", "contacts")), Is.Empty);

        using var again = await UploadAsync(officer, "contacts.csv", Encoding.UTF8.GetBytes(csv));
        var againPath = again.Headers.Location!.ToString();
        using var stale = await officer.PostFormAsync(againPath, new() { ["Choice"] = "import", ["Good"] = "4", ["Bad"] = "0" });
        Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "counts other than those checked are refused");
        using var imported = await officer.PostFormAsync(againPath, new() { ["Choice"] = "import", ["Good"] = "2", ["Bad"] = "2" });
        Assert.That(imported.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var result = await JobPages.FollowAsync(officer, imported.Headers.Location!.ToString());
        Assert.That(WebUtility.HtmlDecode(result), Does.Contain("2 added, 0 updated, 0 unchanged, 2 row(s) with problems skipped."));
        Assert.That(await ContactCountAsync(server), Is.EqualTo(2));

        var audit = await server.Services.GetRequiredService<AuditLog>().ListAsync(null, 20);
        Assert.That(audit.Select(a => a.Action).Where(a => a != "sign-in"), Is.EquivalentTo(new[] { "contacts upload", "contacts upload discard", "contacts upload", "contacts import start", "contacts import" }));
        Assert.That(audit.First(a => a.Action == "contacts import").After, Is.EqualTo("2 added, 0 updated, 0 unchanged"));
    }

    [Test]
    public async Task A_large_file_is_imported_as_a_background_job_whose_page_shows_how_it_ended_and_the_import_is_audited_under_the_officer()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        using var officer = await server.SignInAsync("officer@lga.test", StaffRole.Officer);
        var codes = File.ReadLines(RepoPaths.Seeds("councils.csv")).Skip(1).Select(line => line.Split(',')[0]).ToList();
        var csv = new StringBuilder(Header);
        for (var i = 0; i < 20_000; i++)
            csv.Append(CultureInfo.InvariantCulture, $"{codes[i % codes.Count]},Officer {i},officer{i}@council{i % codes.Count}.gov.test,other\r\n");

        using var upload = await UploadAsync(officer, "big.csv", Encoding.UTF8.GetBytes(csv.ToString()));
        var checkPath = upload.Headers.Location!.ToString();
        Assert.That(WebUtility.HtmlDecode((await officer.GetAsync(checkPath)).Body), Does.Contain("Import 20,000 contacts").Or.Contain("Import 20000 contacts"));
        using var started = await officer.PostFormAsync(checkPath, new() { ["Choice"] = "import", ["Good"] = "20000", ["Bad"] = "0" });
        Assert.That(started.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var result = await JobPages.FollowAsync(officer, started.Headers.Location!.ToString(), seconds: 180);
        Assert.That(WebUtility.HtmlDecode(result), Does.Contain("20000 added, 0 updated, 0 unchanged"));
        Assert.That(await ContactCountAsync(server), Is.EqualTo(20_000));

        var jobs = (await officer.GetAsync("/jobs")).Body;
        Assert.That(jobs, Does.Contain("Import contacts from big.csv").And.Contain("finished").And.Contain("100%"));
        var audit = await server.Services.GetRequiredService<AuditLog>().ListAsync(null, 20, actor: "officer@lga.test");
        Assert.That(audit.Select(a => a.Action), Does.Contain("contacts import start").And.Contain("contacts import"));
        Assert.That(audit.Single(a => a.Action == "contacts import").After, Is.EqualTo("20000 added, 0 updated, 0 unchanged"));
    }

    [TestCase("wrong-columns.csv", "council,person,address\r\nE09000007,Zara,zara@camden.gov.test\r\n", "missing column(s) council_code, name, email, role")]
    [TestCase("empty.csv", "", "empty.csv is empty")]
    [TestCase("picture.csv", "\u0089PNG\r\n\u001a\n\0\0\0\rIHDR", "is not a text CSV file (it contains binary data)")]
    [TestCase("book.xlsx", "not really a workbook", "cannot be opened as an Excel workbook")]
    public async Task A_file_that_cannot_be_read_is_refused_with_the_reason_and_nothing_is_kept(string name, string content, string reason)
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        using var officer = await server.SignInAsync("officer@lga.test", StaffRole.Officer);

        using var response = await UploadAsync(officer, name, Encoding.Latin1.GetBytes(content));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), Does.Contain(reason));
        Assert.That(Directory.Exists(Path.Combine(data.Path, "pending-uploads", "contacts")) ? Directory.GetDirectories(Path.Combine(data.Path, "pending-uploads", "contacts")) : [], Is.Empty);
    }

    [Test]
    public async Task An_xlsx_file_and_pasted_rows_are_read_like_a_csv_and_a_clean_file_offers_to_import_every_contact()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        using var officer = await server.SignInAsync("officer@lga.test", StaffRole.Officer);
        using var workbook = new MemoryStream();
        await MiniExcelLibs.MiniExcel.SaveAsAsync(workbook, new[]
        {
            new Dictionary<string, object> { ["council_code"] = "E09000007", ["name"] = "Zara Khan", ["email"] = "zara@camden.gov.test", ["role"] = "lead" },
            new Dictionary<string, object> { ["council_code"] = "E09000019", ["name"] = "Ian Lowe", ["email"] = "ian@", ["role"] = "lead" },
        });

        using var xlsx = await UploadAsync(officer, "contacts.xlsx", workbook.ToArray());
        Assert.That(xlsx.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await xlsx.Content.ReadAsStringAsync());
        var xlsxCheck = WebUtility.HtmlDecode((await officer.GetAsync(xlsx.Headers.Location!.ToString())).Body);
        Assert.That(xlsxCheck, Does.Contain("Line 3").And.Contain("'ian@' is not a valid email address"), "Excel's row 3 is named");

        using var pasted = await officer.PostFormAsync("/contacts/upload", new() { ["Pasted"] = Header + "E09000007,Zara Khan,zara@camden.gov.test,lead\r\n" });
        Assert.That(pasted.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await pasted.Content.ReadAsStringAsync());
        var clean = WebUtility.HtmlDecode((await officer.GetAsync(pasted.Headers.Location!.ToString())).Body);
        Assert.That(clean, Does.Contain("Import 1 contact").And.Contain("Every row is good"));
    }

    [Test]
    public async Task A_file_of_many_bad_rows_lists_the_first_500_problems_and_offers_every_one_as_a_file()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        using var officer = await server.SignInAsync("officer@lga.test", StaffRole.Officer);
        var rows = string.Concat(Enumerable.Range(0, 600).Select(i => $"E09000007,Person {i},person{i} at camden,other\r\n"));

        using var upload = await UploadAsync(officer, "many.csv", Encoding.UTF8.GetBytes(Header + rows));
        var path = upload.Headers.Location!.ToString();
        var page = (await officer.GetAsync(path)).Body;

        Assert.That(page, Does.Contain("The first 500 of 600 problems are listed."));
        Assert.That(PageAssertions.Parse(page).QuerySelectorAll("#problems tbody tr"), Has.Length.EqualTo(500));
        Assert.That(page, Does.Not.Contain("Import the 0 good rows"), "nothing good to import: only the way out is offered");
        var file = await (await officer.GetResponseAsync(path + "/problems.csv")).Content.ReadAsStringAsync();
        Assert.That(file.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(601));
    }

    [Test]
    public async Task A_viewer_reads_the_list_but_is_offered_no_action_and_is_refused_each()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        using var viewer = await server.SignInAsync("viewer@lga.test");
        var (emptyStatus, empty) = await viewer.GetAsync("/contacts");
        Assert.That(emptyStatus, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(empty, Does.Contain("No contacts yet"));
        await server.Services.GetRequiredService<ContactImporter>().ImportAsync(RepoPaths.Seeds("contacts-sample.csv"), skipInvalid: false);
        var id = await ContactIdAsync(server, "stp.lead@camden.gov.test");

        var (status, list) = await viewer.GetAsync("/contacts?council=E09000007");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(list, Does.Contain("stp.lead@camden.gov.test").And.Contain("active").And.Not.Contain("/contacts/upload").And.Not.Contain($"/contacts/{id}/edit"));
        Assert.That((await viewer.GetAsync("/contacts?council=NOPE")).Status, Is.EqualTo(HttpStatusCode.BadRequest));
        var all = await ContactCountAsync(server);
        var (_, first) = await viewer.GetAsync("/contacts");
        Assert.That(first, Does.Contain($"{all} contacts, page 1 of {(all + 99) / 100}").And.Contain("href=\"/contacts?page=2\""));
        var (_, last) = await viewer.GetAsync("/contacts?page=99");
        Assert.That(PageAssertions.Parse(last).QuerySelectorAll("tbody tr"), Has.Length.EqualTo((int)((all - 1) % 100) + 1), "past the end: the last page");
        Assert.That((await viewer.GetAsync("/contacts/upload")).Status, Is.EqualTo(HttpStatusCode.Forbidden));
        using var edit = await viewer.PostFormAsync($"/contacts/{id}/edit", new() { ["Name"] = "x", ["Email"] = "x@camden.gov.test", ["Role"] = "lead", ["Version"] = "1" }, formPage: "/contacts");
        Assert.That(edit.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        using var remove = await viewer.PostFormAsync($"/contacts/{id}/remove", new() { ["Version"] = "1" }, formPage: "/contacts");
        Assert.That(remove.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Two_officers_change_the_same_contact_and_the_second_gets_409_with_the_stored_values_and_their_own_kept()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        await server.Services.GetRequiredService<ContactImporter>().ImportAsync(RepoPaths.Seeds("contacts-sample.csv"), skipInvalid: false);
        var id = await ContactIdAsync(server, "stp.lead@camden.gov.test");
        using var first = await server.SignInAsync("first@lga.test", StaffRole.Officer);
        using var second = await server.SignInAsync("second@lga.test", StaffRole.Officer);
        var path = $"/contacts/{id}/edit";
        Assert.That((await first.GetAsync(path)).Body, Does.Contain("name=\"Version\" value=\"1\""));
        Assert.That((await second.GetAsync(path)).Body, Does.Contain("name=\"Version\" value=\"1\""));

        using var bad = await first.PostFormAsync(path, new() { ["Name"] = "Zara Khan", ["Email"] = "zara at camden", ["Role"] = "lead", ["Version"] = "1" });
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()), Does.Contain("'zara at camden' is not an email address"));

        using var saved = await first.PostFormAsync(path, new() { ["Name"] = "Zara Khan", ["Email"] = "Zara.Khan@camden.gov.test", ["Role"] = "lead", ["Version"] = "1" });
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        using var conflict = await second.PostFormAsync(path, new() { ["Name"] = "Z. Khan (acting)", ["Email"] = "stp.lead@camden.gov.test", ["Role"] = "other", ["Version"] = "1" });
        Assert.That(conflict.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        var page = WebUtility.HtmlDecode(await conflict.Content.ReadAsStringAsync());
        Assert.That(page, Does.Contain("A colleague changed this contact since you opened it (now: Zara Khan <zara.khan@camden.gov.test>, lead of Camden"));
        Assert.That(PageAssertions.Parse(page).QuerySelector("#stored")!.TextContent, Does.Contain("zara.khan@camden.gov.test"), "the stored values are shown");
        Assert.That(page, Does.Contain("value=\"Z. Khan (acting)\"").And.Contain("name=\"Version\" value=\"2\""), "what the second officer typed is kept, ready to save again");

        var audit = (await server.Services.GetRequiredService<AuditLog>().ListAsync(null, 20)).Single(a => a.Action == "contacts edit");
        Assert.That((audit.Actor, audit.RecordId), Is.EqualTo(("first@lga.test", id.ToString())));
        Assert.That((audit.Before, audit.After), Is.EqualTo(("Zara Dawson <stp.lead@camden.gov.test>, lead of Camden (E09000007)",
            "Zara Khan <zara.khan@camden.gov.test>, lead of Camden (E09000007)")));
    }

    [Test]
    public async Task A_deactivated_lead_is_not_invited_a_running_round_s_lead_cannot_be_removed_and_others_can()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        var (reference, _) = await ScenarioSeeds.OpenRoundAsync(server);
        var camdenLead = await ContactIdAsync(server, "stp.lead@camden.gov.test");
        var camdenFoi = await ContactIdAsync(server, "foi@camden.gov.test");
        using var officer = await server.SignInAsync("officer@lga.test", StaffRole.Officer);

        using var held = await officer.PostFormAsync($"/contacts/{camdenLead}/remove", new() { ["Version"] = "1" });
        Assert.That(held.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        var heldPage = WebUtility.HtmlDecode(await held.Content.ReadAsStringAsync());
        Assert.That(heldPage, Does.Contain($"it is the lead that {reference} invited, and that round is still running").And.Contain($"/contacts/{camdenLead}/deactivate"));

        using var deactivated = await officer.PostFormAsync($"/contacts/{camdenLead}/deactivate", new() { ["Version"] = "1" });
        Assert.That(deactivated.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        await using (var connection = await server.Services.GetRequiredService<Database>().OpenAsync())
        {
            var leads = await ContactDirectory.LeadsAsync([ScenarioSeeds.Camden], connection);
            Assert.That(leads.ContainsKey(ScenarioSeeds.Camden), Is.False, "an inactive lead is invited to nothing");
        }

        using var twice = await officer.PostFormAsync($"/contacts/{camdenLead}/deactivate", new() { ["Version"] = "2" });
        Assert.That(twice.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(WebUtility.HtmlDecode(await twice.Content.ReadAsStringAsync()), Does.Contain("is already inactive"));
        using var reactivated = await officer.PostFormAsync($"/contacts/{camdenLead}/reactivate", new() { ["Version"] = "2" });
        Assert.That(reactivated.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        using var removed = await officer.PostFormAsync($"/contacts/{camdenFoi}/remove", new() { ["Version"] = "1" });
        Assert.That(removed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await officer.GetAsync($"/contacts/{camdenFoi}/edit")).Status, Is.EqualTo(HttpStatusCode.NotFound));
        var audit = await server.Services.GetRequiredService<AuditLog>().ListAsync(null, 20);
        Assert.That(audit.Select(a => a.Action).Where(a => a != "sign-in"), Is.EquivalentTo(new[] { "contacts deactivate", "contacts reactivate", "contacts remove" }));
        Assert.That(audit.Single(a => a.Action == "contacts deactivate").After, Does.EndWith(", inactive"));
    }

    internal static async Task<long> ContactIdAsync(ConsoleServer server, string email)
    {
        await using var connection = await server.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT id FROM contacts WHERE email = @email ORDER BY id LIMIT 1", new { email });
    }

    private static async Task<long> ContactCountAsync(ConsoleServer server)
    {
        await using var connection = await server.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM contacts");
    }

    /// <summary>Posts a file as the upload form does (multipart, with the form's antiforgery token).</summary>
    internal static async Task<HttpResponseMessage> UploadAsync(ConsoleClient client, string fileName, byte[] bytes)
    {
        var (_, form) = await client.GetAsync("/contacts/upload");
        var token = Token().Match(form);
        Assert.That(token.Success, Is.True, form);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(WebUtility.HtmlDecode(token.Groups["token"].Value)), "__RequestVerificationToken" },
            { new ByteArrayContent(bytes), "file", fileName },
        };
        return await client.Http.PostAsync("/contacts/upload", content);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex Token();
}
