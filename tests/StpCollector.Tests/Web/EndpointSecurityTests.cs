using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StpCollector.Accounts;
using StpCollector.Tests.Support;
using StpCollector.Web;

namespace StpCollector.Tests.Web;

/// <summary>
/// Security checked over the console's own endpoint list, not a hand list: a new page is covered the day it is added.
/// </summary>
public sealed class EndpointSecurityTests
{
    // Meant to be reachable without signing in. Adding to this list is a decision, which is why it is written out.
    private static readonly string[] PublicRoutes = ["/sign-in", "/sign-out", "/unsubscribe/{token}", "/error/{code:int}", PublicEndpoints.HealthPath];

    private static ConsoleServer server = null!;
    private static TempDataDir data = null!;

    [OneTimeSetUp]
    public async Task StartConsole()
    {
        data = new TempDataDir();
        server = await ConsoleServer.StartAsync(data);
    }

    [OneTimeTearDown]
    public async Task StopConsole()
    {
        await server.DisposeAsync();
        data.Dispose();
    }

    private static List<(string Route, RouteEndpoint Endpoint)> Endpoints() => ConsoleEndpoints.All(server);

    private static List<string> PostRoutes() => ConsoleEndpoints.PostRoutes(server);

    private static string Concrete(string route) => ConsoleEndpoints.Concrete(route);

    [Test]
    public void The_public_endpoints_are_exactly_the_ones_meant_to_be()
    {
        var anonymous = Endpoints().Where(e => e.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null).Select(e => e.Route);
        Assert.That(anonymous, Is.EquivalentTo(PublicRoutes));
        Assert.That(PostRoutes(), Is.Not.Empty, "the reflection over page models found no POST handler at all: it is not looking in the right place");
    }

    [Test]
    public async Task Every_private_endpoint_sends_a_visitor_without_a_session_to_sign_in()
    {
        using var anonymous = server.Anonymous();
        var privateRoutes = Endpoints().Select(e => e.Route).Except(PublicRoutes).ToList();
        Assert.That(privateRoutes, Does.Contain("/"));
        foreach (var route in privateRoutes)
        {
            using var response = await anonymous.GetResponseAsync(Concrete(route));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), route);
            Assert.That(response.Headers.Location!.ToString(), Does.Contain("/sign-in?returnUrl="), route);
        }
    }

    [Test]
    public async Task A_viewer_is_refused_every_state_changing_endpoint_with_403()
    {
        using var viewer = await server.SignInAsync("viewer-" + Guid.NewGuid().ToString("N")[..6] + "@lga.test");
        var staffPosts = PostRoutes().Except(ConsoleEndpoints.SelfServicePosts).ToList();
        Assert.That(staffPosts, Does.Contain("/faq/{id:long}/publish").Or.Contain("/faq/{id}/publish"), "the staff actions are among the routes checked");
        foreach (var route in staffPosts)
        {
            using var response = await viewer.PostFormAsync(Concrete(route), [], formPage: "/");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), route);
        }
    }

    [Test]
    public async Task A_form_post_without_its_antiforgery_token_is_refused()
    {
        using var admin = await server.SignInAsync("admin-" + Guid.NewGuid().ToString("N")[..6] + "@lga.test", StaffRole.Admin);
        foreach (var route in PostRoutes().Where(r => r is not "/unsubscribe/{token}" and not "/error/{code:int}"))
        {
            using var response = await admin.PostFormAsync(Concrete(route), new() { ["Email"] = "x" }, withToken: false);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), route);
        }

        Assert.That((await admin.GetAsync("/")).Status, Is.EqualTo(HttpStatusCode.OK), "still signed in: the refused sign-out changed nothing");
    }

    [Test]
    public async Task Every_response_carries_the_security_headers()
    {
        using var anonymous = server.Anonymous();
        foreach (var path in new[] { "/sign-in", "/", "/css/console.css", "/no-such-page" })
        {
            using var response = await anonymous.GetResponseAsync(path);
            Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("frame-ancestors 'none'").And.Contain("script-src 'self'"), path);
            Assert.That(response.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"), path);
            Assert.That(response.Headers.GetValues("Referrer-Policy").Single(), Is.EqualTo("same-origin"), path);
        }
    }

}
