using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MimeKit;
using StpCollector.Tests.Support;
using StpCollector.Tests.Support.Browser;

namespace StpCollector.Tests.Web.Browser;

/// <summary>
/// A member of staff's first visit, through the real executable and a real headless Chromium: a round whose replies came
/// through the drop folder, a held message, sign-in with the one-time password, the pages a viewer reads, sign-out.
/// Screenshots of each page are saved as test artifacts; axe checks each main page.
/// </summary>
[NonParallelizable]
public sealed partial class ConsoleJourneyTests
{
    private const string Now = "2026-11-23T09:00:00Z";
    private const string Hostile = "<script>alert('x')</script> =HYPERLINK(\"http://evil.test\") <b>bold</b>";

    [Test]
    public async Task Staff_sign_in_read_a_round_its_council_a_return_and_a_held_message_then_sign_out()
    {
        using var data = new TempDataDir();
        await PrepareRoundWithRepliesAsync(data);
        var (_, added, _) = await CliAsync(data, "users", "add", "officer@lga.test", "--role", "officer", "--name", "Olu Officer");
        var oneTime = OneTimePassword().Match(added).Groups["password"].Value;
        Assert.That(oneTime, Is.Not.Empty, added);

        using var console = AppProcess.Start(["web", "--data-dir", data.Path]);
        await console.WaitForOutputAsync("Console: http://", TimeSpan.FromSeconds(60));
        var address = ConsoleAddress().Match(console.Stdout).Value;

        await using var chromium = await HeadlessChromium.StartAsync();
        var page = await chromium.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) => { dialogs.Add(dialog.Message); _ = dialog.DismissAsync(); };
        var problems = new List<string>();

        async Task CheckAsync(string name)
        {
            await HeadlessChromium.SaveScreenshotAsync(page, $"console-{name}");
            problems.AddRange((await HeadlessChromium.AxeSeriousOrCriticalAsync(page)).Select(v => $"{name}: {v}"));
        }

        await page.GotoAsync(address + "/rounds");
        Assert.That(page.Url, Does.Contain("/sign-in?returnUrl=%2Frounds"));
        await CheckAsync("sign-in");
        await page.GetByLabel("Email address").FillAsync("officer@lga.test");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(oneTime);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.WaitForURLAsync("**/account/password");
        await CheckAsync("choose-password");
        await page.GetByLabel("Current password").FillAsync(oneTime);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("three unrelated words");
        await page.GetByLabel("New password again").FillAsync("three unrelated words");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save password" }).ClickAsync();
        await page.WaitForURLAsync(address + "/?password-changed=true");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" }));
        await CheckAsync("dashboard");
        var dashboard = await page.Locator("main").InnerTextAsync();
        Assert.That(dashboard, Does.Contain("Winter check").And.Contain("1 message in the holding pen"));
        var openRound = await page.Locator("table").First.Locator("tbody tr").First.Locator("td").AllInnerTextsAsync();
        Assert.That(openRound.Skip(2), Is.EqualTo(new[] { "0", "1", "1", "2" }), "complete, partial, no return, councils");

        await page.GotoAsync(address + "/rounds");
        await CheckAsync("rounds");
        await page.GetByRole(AriaRole.Link, new() { Name = "STP-R1" }).First.ClickAsync();
        await page.WaitForURLAsync("**/rounds/STP-R1");
        var round = await page.ContentAsync();
        Assert.That(round, Does.Contain("Hackney").And.Contain("Islington"));
        await CheckAsync("round");

        await page.GotoAsync(address + "/councils/E09000012");
        Assert.That(await page.ContentAsync(), Does.Contain("Hackney").And.Contain("hal@hackney.gov.test"));
        await CheckAsync("council");

        var returnLink = page.Locator("a[href^='/returns/']").First;
        await returnLink.ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/returns/\d+$"));
        var returned = await page.ContentAsync();
        Assert.That(returned, Does.Contain("&lt;script&gt;alert").Or.Contain("&lt;script&gt;"), "a council's markup is shown as text");
        Assert.That(await page.Locator("script").CountAsync(), Is.Zero, "no script element on the page, least of all the council's");
        await CheckAsync("return");

        await page.GotoAsync(address + "/holding-pen");
        await CheckAsync("holding-pen");
        await page.Locator("a[href^='/holding-pen/']").First.ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/holding-pen/\d+$"));
        Assert.That(await page.ContentAsync(), Does.Contain("stranger@example.test"));
        await CheckAsync("held-message");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/sign-in?signed-out=true");
        await page.GotoAsync(address + "/rounds/STP-R1");
        Assert.That(page.Url, Does.Contain("/sign-in"), "after signing out the pages are closed again");

        Assert.Multiple(() =>
        {
            Assert.That(dialogs, Is.Empty, "no script ran from what councils sent");
            Assert.That(problems, Is.Empty, "axe: serious or critical");
        });
    }

    private static async Task Expect(ILocator locator) => Assert.That(await locator.CountAsync(), Is.GreaterThan(0));

    private static async Task PrepareRoundWithRepliesAsync(TempDataDir data)
    {
        await CliAsync(data, "contacts", "import", data.Write("leads.csv",
            "council_code,name,email,role\nE09000012,Hal Kay,hal@hackney.gov.test,lead\nE09000019,Isa Lim,isa@islington.gov.test,lead\n"));
        await CliAsync(data, "round", "create", "--questionnaire", "stp-local-government-involvement", "--title", "Winter check", "--opens", "now",
            "--closes", "2026-12-18 17:00", "--audience", "councils:E09000012,E09000019", "--reminders", "none");
        await CliAsync(data, ["run", "--once"], "2026-11-23T09:01:00Z");
        Reply(data, "E09000012", $"Q1: Yes\nQ2: No - {Hostile}\n");
        var stray = new MimeMessage { Subject = "Question about the STP <i>survey</i>", Body = new TextPart("plain") { Text = "Who do I ask? " + Hostile } };
        stray.From.Add(new MailboxAddress("A Stranger", "stranger@example.test"));
        stray.To.Add(new MailboxAddress("", "returns@lga.test"));
        stray.WriteTo(Path.Combine(data.Path, "mail", "inbox", "stranger.eml"));
        var (exit, stdout, stderr) = await CliAsync(data, ["run", "--once"], "2026-11-23T10:00:00Z");
        Assert.That(exit, Is.Zero, stdout + stderr);
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> CliAsync(TempDataDir data, params string[] args) => CliAsync(data, args, Now);

    private static async Task<(int ExitCode, string Stdout, string Stderr)> CliAsync(TempDataDir data, string[] args, string at)
    {
        var result = await AppProcess.RunAsync([.. args, "--data-dir", data.Path], new Dictionary<string, string> { ["STPCOLLECTOR__Clock__Now"] = at });
        Assert.That(result.ExitCode, Is.Zero, $"stpcollector {string.Join(' ', args)}: {result.Stdout}{result.Stderr}");
        return result;
    }

    private static void Reply(TempDataDir data, string council, string body)
    {
        var invitation = Directory.GetFiles(Path.Combine(data.Path, "mail", "outbox"), "*.eml").Select(f => MimeMessage.Load(f))
            .Single(m => m.Headers["X-StpCollector-Council"] == council && m.Headers["X-StpCollector-Round"] is not null);
        var reply = new MimeMessage { Subject = $"Re: {invitation.Subject} <b>urgent</b>", Body = new TextPart("plain") { Text = body } };
        reply.From.Add(invitation.To.Mailboxes.First());
        reply.To.Add(invitation.ReplyTo.Mailboxes.Single());
        var inbox = Directory.CreateDirectory(Path.Combine(data.Path, "mail", "inbox")).FullName;
        reply.WriteTo(Path.Combine(inbox, $"{council}.eml"));
    }

    [GeneratedRegex(@"One-time password \(shown only now\): (?<password>\S+)")]
    private static partial Regex OneTimePassword();

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex ConsoleAddress();
}
