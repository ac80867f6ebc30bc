using System.Net;
using System.Security.Claims;
using StpCollector.Tests.Support;
using StpCollector.Web;

namespace StpCollector.Tests.Web;

/// <summary>
/// The optional OpenID Connect sign-in: off by default, refused when half-configured, offered on the sign-in page when
/// configured. (No identity provider runs here: the redirect to a real one is not exercised.)
/// </summary>
public sealed class ExternalSignInTests
{
    [Test]
    public async Task Off_by_default_the_sign_in_page_offers_only_passwords_and_the_external_handler_is_not_found()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        using var client = server.Anonymous();
        var (_, page) = await client.GetAsync("/sign-in");
        Assert.That(page, Does.Not.Contain("Sign in with Microsoft 365"));
        Assert.That((await client.GetAsync("/sign-in?handler=external")).Status, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Configured_the_sign_in_page_offers_the_organisations_sign_in()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data, new Dictionary<string, string?>
        {
            ["Web:OpenIdConnect:Enabled"] = "true",
            ["Web:OpenIdConnect:Authority"] = "https://login.example.test/tenant/v2.0",
            ["Web:OpenIdConnect:ClientId"] = "console",
            ["Web:OpenIdConnect:ClientSecret"] = "from-the-environment",
        });
        using var client = server.Anonymous();
        var (_, page) = await client.GetAsync("/sign-in?returnUrl=%2Frounds");
        Assert.That(page, Does.Contain("Sign in with Microsoft 365").And.Contain("/sign-in?handler=external&amp;returnUrl=%2Frounds"));
    }

    [Test]
    public async Task Half_configured_it_stops_the_console_naming_each_missing_setting()
    {
        using var data = new TempDataDir();
        var (exit, _, stderr) = await AppProcess.RunAsync(["web", "--data-dir", data.Path],
            new Dictionary<string, string> { ["STPCOLLECTOR__Web__OpenIdConnect__Enabled"] = "true" });
        Assert.That(exit, Is.EqualTo(2), stderr);
        Assert.That(stderr, Does.Contain("Web:OpenIdConnect:Authority").And.Contain("Web:OpenIdConnect:ClientId")
            .And.Contain("STPCOLLECTOR__Web__OpenIdConnect__ClientSecret"));
    }

    [Test]
    public void The_address_is_taken_from_the_email_claim_or_else_the_microsoft_sign_in_name()
    {
        static ClaimsPrincipal With(params (string Type, string Value)[] claims) =>
            new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "test"));

        Assert.That(ExternalSignIn.EmailOf(With(("email", "jo@lga.test"), ("preferred_username", "other@lga.test"))), Is.EqualTo("jo@lga.test"));
        Assert.That(ExternalSignIn.EmailOf(With(("name", "Jo"), ("preferred_username", "jo@lga.test"))), Is.EqualTo("jo@lga.test"));
        Assert.That(ExternalSignIn.EmailOf(With(("preferred_username", "not-an-address"))), Is.Null);
    }
}
