using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using StpCollector.Accounts;
using StpCollector.Bulletins;
using StpCollector.Outbox;
using StpCollector.Storage;
using StpCollector.Tests.Support;
using StpCollector.Tests.Support.Browser;

namespace StpCollector.Tests.Web.Browser;

/// <summary>
/// The next bulletin from editorial to inbox, in a real headless Chromium: an editor (who is also an approver) writes the
/// editorial and sees the live preview, cannot approve their own change, another approver approves it, it is sent and
/// the outbox dispatcher delivers it with the editor's words.
/// </summary>
[NonParallelizable]
public sealed class BulletinApprovalJourneyTests
{
    private const string Password = "correct horse battery staple";
    private const string Words = "Editor's news: {{ round.responded }} councils have answered the winter round.";

    [Test]
    public async Task An_editor_writes_the_editorial_another_approver_approves_it_and_it_is_delivered_with_the_editors_words()
    {
        using var data = new TempDataDir();
        await using var server = await BulletinActionPagesTests.StartWithFiguresAsync(data);
        await BulletinActionPagesTests.SubscribeAsync(server, "ada@network.test");
        await server.AddUserAsync("editor@lga.test", StaffRole.Approver);
        await server.AddUserAsync("approver@lga.test", StaffRole.Approver);
        var address = server.Address.ToString().TrimEnd('/');

        await using var chromium = await HeadlessChromium.StartAsync();
        var page = await chromium.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) => { dialogs.Add(dialog.Message); _ = dialog.DismissAsync(); };

        await SignInAsync(page, address, "editor@lga.test");
        await page.GotoAsync(address + "/bulletins/draft");
        await page.GetByLabel("Introduction").FillAsync(Words + " <script>alert('x')</script>");
        // The live preview: a moment after typing stops, the frame shows the typed words rendered (and no script ran).
        await WaitUntilAsync(async () => (await page.Frame(StpCollector.Web.Pages.Bulletins.DraftModel.FrameName)!.ContentAsync()).Contains("Editor's news: 5 councils have answered", StringComparison.Ordinal));
        await WaitUntilAsync(async () => (await page.Locator("#preview-text").InnerTextAsync()).Contains("Editor's news: 5 councils", StringComparison.Ordinal));
        await HeadlessChromium.SaveScreenshotAsync(page, "bulletin-editorial");
        // The console's own page; axe cannot run inside the sandboxed frame (no script may run there), and would wait for it.
        var axe = await page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions { Iframes = false });
        Assert.That(axe.Violations.Select(v => $"{v.Impact} {v.Id}: {v.Help} at {string.Join("; ", v.Nodes.Select(n => n.Target))}"), Is.Empty,
            "axe on the editorial page");

        await page.GetByLabel("Introduction").FillAsync(Words);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.WaitForURLAsync("**/bulletins/draft?done=saved");
        var draft = (await server.Services.GetRequiredService<BulletinDrafts>().EditorialAsync(CancellationToken.None)).Draft!;

        await page.GotoAsync($"{address}/bulletins/{draft.Id}/approve");
        Assert.That(await page.Locator("main").InnerTextAsync(), Does.Contain("You made the last change to this bulletin, so another approver must approve it"));
        Assert.That(await page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).CountAsync(), Is.Zero, "the editor is not offered approval");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/sign-in?signed-out=true");

        await SignInAsync(page, address, "approver@lga.test");
        await page.GotoAsync($"{address}/bulletins/{draft.Id}/approve");
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await page.WaitForURLAsync($"**/bulletins/{draft.Id}?done=approved");
        Assert.That(await page.Locator("main").InnerTextAsync(), Does.Contain("by approver@lga.test"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Send it now" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send it now" }).ClickAsync();
        await page.WaitForURLAsync($"**/bulletins/{draft.Id}?done=sent");

        await server.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
        var delivered = Directory.GetFiles(Path.Combine(data.Path, "mail", "outbox"), "*.eml").Select(f => MimeMessage.Load(f))
            .Where(m => m.To.Mailboxes.Any(to => to.Address == "ada@network.test")).ToList();
        Assert.That(delivered, Has.Count.EqualTo(1), "the bulletin went out through the outbox to the subscriber");
        Assert.That(delivered[0].TextBody, Does.Contain("Editor's news: 5 councils have answered the winter round."));
        Assert.That(delivered[0].HtmlBody, Does.Contain("Editor&#39;s news: 5 councils have answered").Or.Contain("Editor's news: 5 councils have answered"));
        Assert.That(dialogs, Is.Empty, "nothing typed in the editorial ran as script");
    }

    private static async Task SignInAsync(IPage page, string address, string email)
    {
        await page.GotoAsync(address + "/sign-in");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(address + "/");
    }

    /// <summary>A frame being navigated by the preview cannot be read for a moment: that is "not yet".</summary>
    private static async Task<bool> HoldsAsync(Func<Task<bool>> condition)
    {
        try
        {
            return await condition();
        }
        catch (PlaywrightException)
        {
            return false;
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(15);
        while (!await HoldsAsync(condition))
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(until), "the live preview did not refresh within 15 seconds");
            await Task.Delay(200);
        }
    }
}
