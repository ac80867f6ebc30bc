using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using StpCollector.Accounts;
using StpCollector.Contacts;
using StpCollector.Tests.Support;
using StpCollector.Tests.Support.Browser;

namespace StpCollector.Tests.Web.Browser;

/// <summary>
/// An officer's work in a real headless Chromium (one browser for the three journeys, each in its own context): a contacts
/// file with a bad row, a held reply assigned to a council and round, and a staff correction seen beside the council's answer.
/// </summary>
[NonParallelizable]
public sealed class StaffWorkJourneyTests
{
    private HeadlessChromium? chromium;

    [OneTimeSetUp]
    public async Task StartBrowserAsync() => chromium = await HeadlessChromium.StartAsync();

    [OneTimeTearDown]
    public async Task StopBrowserAsync()
    {
        if (chromium is not null)
            await chromium.DisposeAsync();
    }

    [Test]
    public async Task A_contacts_file_with_a_bad_row_is_checked_the_line_named_and_nothing_saved()
    {
        using var world = await IngestionWorld.StartAsync();
        var before = await world.ScalarAsync<long>("SELECT count(*) FROM contacts");
        await using var server = await ConsoleServer.StartAsync(world.Data);
        var page = await SignInAsync(server);
        var file = world.Data.Write("new-contacts.csv",
            "council_code,name,email,role\nE09000007,Zara Khan,zara.khan@camden.gov.test,other\nE09000019,Ian Lowe,ian at islington,other\n");

        await page.GotoAsync(server.Address + "contacts/upload");
        await page.Locator("#File").SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the file" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/contacts/upload/[0-9a-f]{32}$"));
        var problems = await page.Locator("#problems").InnerTextAsync();
        Assert.That(problems, Does.Contain("Line 3").And.Contain("email").And.Contain("'ian at islington' is not a valid email address"));
        Assert.That(await page.GetByRole(AriaRole.Button, new() { Name = "Import the 1 good rows and skip the 1 bad one" }).CountAsync(), Is.EqualTo(1));
        await AxeAsync(page, "contacts-check");

        await page.GetByRole(AriaRole.Button, new() { Name = "Import nothing, I will fix the file" }).ClickAsync();
        await page.WaitForURLAsync("**/contacts?done=discarded");
        Assert.That(await page.Locator("main").InnerTextAsync(), Does.Contain("Nothing was imported"));
        Assert.That(await world.ScalarAsync<long>("SELECT count(*) FROM contacts"), Is.EqualTo(before), "nothing saved");
        await AxeAsync(page, "contacts");
    }

    [Test]
    public async Task A_held_reply_is_assigned_to_a_council_and_round_and_its_return_shows_the_answers()
    {
        using var world = await IngestionWorld.StartAsync();
        var id = await HoldingPenAssignPageTests.HeldStrangerAsync(world);
        await using var server = await ConsoleServer.StartAsync(world.Data);
        var page = await SignInAsync(server);

        await page.GotoAsync(server.Address + $"holding-pen/{id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Assign to a council and round" }).ClickAsync();
        await page.WaitForURLAsync($"**/holding-pen/{id}/assign");
        await page.GetByLabel("Council", new() { Exact = true }).SelectOptionAsync("E09000019");
        await page.GetByLabel("Round", new() { Exact = true }).SelectOptionAsync("STP-R5");
        await AxeAsync(page, "holding-pen-assign");
        await page.GetByRole(AriaRole.Button, new() { Name = "Assign and store the return" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/returns/\d+\?done=assigned"));

        var main = await page.Locator("main").InnerTextAsync();
        Assert.That(main, Does.Contain("The held message was assigned").And.Contain("Islington").And.Contain("STP-R5"));
        var q1 = await page.Locator("#answer-Q1").InnerTextAsync();
        Assert.That(q1, Does.Contain("yes"), "the answers read from the reply");
        await AxeAsync(page, "assigned-return");
    }

    [Test]
    public async Task A_staff_correction_shows_the_council_s_answer_and_the_correction_on_the_return_page()
    {
        using var world = await IngestionWorld.StartAsync();
        var id = await ReturnCorrectionPageTests.CamdenReturnAsync(world);
        await using var server = await ConsoleServer.StartAsync(world.Data);
        var page = await SignInAsync(server);

        await page.GotoAsync(server.Address + $"returns/{id}");
        await page.Locator($"a[href='/returns/{id}/answers/Q9/correct']").ClickAsync();
        await page.WaitForURLAsync($"**/returns/{id}/answers/Q9/correct");
        await page.GetByLabel("Corrected answer").FillAsync("15%");
        await page.GetByLabel("Why is it corrected?").FillAsync("The lead confirmed 15% by phone");
        await AxeAsync(page, "correct-answer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the correction" }).ClickAsync();
        await page.WaitForURLAsync(new Regex($@"/returns/{id}\?done=corrected"));

        var q9 = await page.Locator("#answer-Q9").InnerTextAsync();
        Assert.That(q9, Does.Contain("Sent by the council: 12").And.Contain("Corrected by officer@lga.test on").And.Contain("15").And.Contain("The lead confirmed 15% by phone"));
        await AxeAsync(page, "corrected-return");
    }

    private async Task<IPage> SignInAsync(ConsoleServer server)
    {
        var password = await server.AddUserAsync("officer@lga.test", StaffRole.Officer);
        var page = await chromium!.NewPageAsync();
        page.Dialog += (_, dialog) => Assert.Fail($"a dialog opened: {dialog.Message}");
        await page.GotoAsync(server.Address + "sign-in");
        await page.GetByLabel("Email address").FillAsync("officer@lga.test");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));
        return page;
    }

    private static async Task AxeAsync(IPage page, string name)
    {
        await HeadlessChromium.SaveScreenshotAsync(page, $"staff-work-{name}");
        Assert.That(await HeadlessChromium.AxeSeriousOrCriticalAsync(page), Is.Empty, $"axe on {name}: serious or critical");
    }
}
