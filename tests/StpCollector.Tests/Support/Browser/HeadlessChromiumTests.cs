using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;

namespace StpCollector.Tests.Support.Browser;

/// <summary>
/// The browser test support itself: a real Chromium fills a form served by a real Kestrel on loopback, axe can
/// fail a page, and disposing leaves no browser process behind.
/// </summary>
[NonParallelizable]
public sealed class HeadlessChromiumTests
{
    // The console's own headers, so axe is shown to work under them.
    private const string ContentSecurityPolicy = "default-src 'self'; script-src 'self'; frame-ancestors 'none'";

    private const string FormPage = """
        <!DOCTYPE html>
        <html lang="en" class="govuk-template"><head><meta charset="utf-8"><title>Your council - StpCollector</title>
        <link rel="stylesheet" href="/css/govuk-frontend.min.css"></head>
        <body class="govuk-template__body"><div class="govuk-width-container"><main class="govuk-main-wrapper" id="main-content">
        <h1 class="govuk-heading-l">Your council</h1>
        <form method="post" action="/submit" novalidate>
          <div class="govuk-form-group">
            <label class="govuk-label" for="council">Council name</label>
            <input class="govuk-input" id="council" name="council" type="text" autocomplete="organization">
          </div>
          <button type="submit" class="govuk-button">Continue</button>
        </form></main></div></body></html>
        """;

    private const string UnlabelledPage = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>No label</title></head>
        <body><main><h1>No label</h1><form method="post" action="/submit"><input name="council" type="text">
        <button type="submit">Continue</button></form></main></body></html>
        """;

    [Test]
    public async Task A_real_chromium_fills_and_submits_a_form_that_axe_finds_accessible()
    {
        var received = new ConcurrentQueue<string>();
        await using var site = await StartSiteAsync(received);
        await using var chromium = await HeadlessChromium.StartAsync();
        var page = await chromium.NewPageAsync();

        await page.GotoAsync(site.Url("/form"));
        var violations = await HeadlessChromium.AxeSeriousOrCriticalAsync(page);
        var font = await page.EvalOnSelectorAsync<string>("h1", "h => getComputedStyle(h).fontFamily");
        await HeadlessChromium.SaveScreenshotAsync(page, "headless-chromium-form");
        await page.GetByLabel("Council name").FillAsync("Borsetshire");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync("**/submit");
        // Read before asserting: Assert.Multiple blocks its thread, which may be the Playwright driver's own reader thread
        // (continuations run inline on it), and a Playwright call awaited inside it then never gets its answer.
        var heading = await page.TextContentAsync("h1");

        Assert.Multiple(() =>
        {
            Assert.That(received, Is.EqualTo(new[] { "Borsetshire" }), "what the server was sent");
            Assert.That(heading, Is.EqualTo("Received Borsetshire"));
            Assert.That(violations, Is.Empty, "axe: serious or critical");
            Assert.That(font, Does.StartWith("arial"), "the committed GOV.UK stylesheet applies, with the system font");
        });
    }

    [Test]
    public async Task Axe_reports_an_input_without_a_label()
    {
        await using var site = await StartSiteAsync(new ConcurrentQueue<string>());
        await using var chromium = await HeadlessChromium.StartAsync();
        var page = await chromium.NewPageAsync();

        await page.GotoAsync(site.Url("/unlabelled"));
        var violations = await HeadlessChromium.AxeSeriousOrCriticalAsync(page);

        Assert.That(violations, Has.Some.StartsWith("critical label:"));
    }

    [Test]
    public async Task Disposing_kills_the_browser_and_every_process_it_started()
    {
        var chromium = await HeadlessChromium.StartAsync();
        var pid = chromium.Pid;
        var profile = chromium.ProfileDirectory;
        Assert.That(ChromiumProcesses.PidsWhoseCommandLineHas(profile), Has.Count.GreaterThan(1), "the browser and its helpers run");

        await chromium.DisposeAsync();

        Assert.Multiple(() =>
        {
            Assert.That(Directory.Exists($"/proc/{pid}"), Is.False, "the browser's pid is gone");
            Assert.That(ChromiumProcesses.PidsWhoseCommandLineHas(profile), Is.Empty, "no helper process is left");
            Assert.That(Directory.Exists(profile), Is.False, "the private profile is deleted");
        });
    }

    [Test]
    public async Task The_global_teardown_kills_a_browser_a_test_did_not_dispose()
    {
        await using var chromium = await HeadlessChromium.StartAsync();

        ChromiumProcesses.KillLeftovers();

        Assert.Multiple(() =>
        {
            Assert.That(Directory.Exists($"/proc/{chromium.Pid}"), Is.False, "the browser's pid is gone");
            Assert.That(ChromiumProcesses.PidsWhoseCommandLineHas(chromium.ProfileDirectory), Is.Empty, "no helper process is left");
        });
    }

    private static Task<LoopbackSite> StartSiteAsync(ConcurrentQueue<string> received) => LoopbackSite.StartAsync(app =>
    {
        app.Use((context, next) =>
        {
            context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return next(context);
        });
        var wwwroot = Path.Combine(RepoPaths.Root, "src", "StpCollector", "Web", "wwwroot");
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(wwwroot) });
        app.MapGet("/form", () => Results.Content(FormPage, "text/html; charset=utf-8"));
        app.MapGet("/unlabelled", () => Results.Content(UnlabelledPage, "text/html; charset=utf-8"));
        app.MapPost("/submit", async (HttpRequest request) =>
        {
            var council = (await request.ReadFormAsync())["council"].ToString();
            received.Enqueue(council);
            var html = $"<!DOCTYPE html><html lang=\"en\"><head><title>Received</title></head><body><main><h1>Received {System.Net.WebUtility.HtmlEncode(council)}</h1></main></body></html>";
            return Results.Content(html, "text/html; charset=utf-8");
        });
    });
}
