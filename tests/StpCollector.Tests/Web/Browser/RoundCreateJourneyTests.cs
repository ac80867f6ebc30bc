using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using MimeKit;
using StpCollector.Accounts;
using StpCollector.Tests.Rounds;
using StpCollector.Tests.Support;
using StpCollector.Tests.Support.Browser;
using StpCollector.Tests.Web.Actions;
using static StpCollector.Tests.Web.Actions.RoundConsoleData;

namespace StpCollector.Tests.Web.Browser;

/// <summary>
/// An officer runs a round without a shell, in a real headless Chromium against the real console: the new-round form,
/// the check page with the invitation's preview, "Create the round", and the invitations in the outbox folder once the
/// round's opening has run. axe checks the form and the check page.
/// </summary>
[NonParallelizable]
public sealed class RoundCreateJourneyTests
{
    [Test]
    public async Task An_officer_creates_a_round_opening_now_from_the_form_and_its_invitations_reach_the_outbox_folder()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        await AddLeadsAsync(server.Services);
        var password = await server.AddUserAsync("officer@lga.test", StaffRole.Officer);
        var address = server.Address.ToString().TrimEnd('/');

        await using var chromium = await HeadlessChromium.StartAsync();
        var page = await chromium.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) => { dialogs.Add(dialog.Message); _ = dialog.DismissAsync(); };
        var problems = new List<string>();

        async Task CheckAsync(string name)
        {
            await HeadlessChromium.SaveScreenshotAsync(page, $"round-{name}");
            // The preview frame is the letter councils receive, not the console: it is sandboxed (no script can run
            // in it, axe's included), so axe checks the console's own page around it.
            var axe = await page.RunAxe(new AxeRunOptions { Iframes = false }).WaitAsync(TimeSpan.FromSeconds(90));
            problems.AddRange(axe.Violations.Select(v => $"{name}: {v.Impact} {v.Id}: {v.Help} at {string.Join("; ", v.Nodes.Select(n => n.Html))}"));
        }

        await page.GotoAsync(address + "/rounds/new");
        await page.GetByLabel("Email address").FillAsync("officer@lga.test");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(address + "/rounds/new");
        await CheckAsync("new");

        await page.Locator("#Questionnaire").SelectOptionAsync(RoundTestData.Questionnaire);
        await page.Locator("#Title").FillAsync("Winter check <b>from the console</b>");
        await page.GetByLabel("Councils I choose").CheckAsync();
        await page.Locator($"input[name=Councils][value={Hackney}]").CheckAsync();
        await page.Locator($"input[name=Councils][value={Islington}]").CheckAsync();
        await page.GetByLabel("As soon as it is created").CheckAsync();
        var (closesDate, _) = London(21, "17:00");
        await page.Locator("#ClosesDate").FillAsync(closesDate);
        await page.Locator("#ClosesTime").FillAsync("17:00");
        await page.Locator("#Reminders").FillAsync("none");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        await page.GetByRole(AriaRole.Heading, new() { Name = "Check the round before you create it" }).WaitForAsync();
        Assert.That(await page.Locator("main").InnerTextAsync(), Does.Contain("2 councils").And.Contain("As soon as it is created"));
        Assert.That(await page.Locator("#invitation-text").InnerTextAsync(), Does.Contain("We are asking Hackney"));
        Assert.That(await page.Locator("iframe").GetAttributeAsync("sandbox"), Is.EqualTo(""));
        Assert.That(await page.FrameLocator("iframe").Locator("body").InnerTextAsync(), Does.Contain("Hackney"));
        await CheckAsync("check");

        await page.GetByRole(AriaRole.Button, new() { Name = "Create the round" }).ClickAsync();
        await page.WaitForURLAsync(address + "/rounds/STP-R1?done=created");
        Assert.That(await page.Locator("main").InnerTextAsync(), Does.Contain("The round is created"));

        // The worker's tick, run here: the opening queues the invitations, the dispatch writes them to the folder.
        var folder = Path.Combine(data.Path, "mail", "outbox");
        for (var tick = 0; tick < 5 && Invitations(folder).Count < 2; tick++)
            await RoundSweeps.TickAsync(server.Services);
        var invitations = Invitations(folder);
        Assert.That(invitations.Select(m => m.Headers["X-StpCollector-Council"]), Is.EquivalentTo(new[] { Hackney, Islington }));
        Assert.That(invitations.Select(m => m.Subject), Has.All.Contain("[STP-R1]"));

        await page.ReloadAsync();
        Assert.That(await page.Locator("#opening").InnerTextAsync(), Does.Contain("2 invited: 0 queued, 2 sent"));
        Assert.Multiple(() =>
        {
            Assert.That(dialogs, Is.Empty, "no script ran");
            Assert.That(problems, Is.Empty, "axe");
        });
    }

    private static List<MimeMessage> Invitations(string folder) => Directory.Exists(folder)
        ? Directory.GetFiles(folder, "*.eml").Select(f => MimeMessage.Load(f)).Where(m => m.Headers["X-StpCollector-Round"] == "STP-R1").ToList()
        : [];
}
