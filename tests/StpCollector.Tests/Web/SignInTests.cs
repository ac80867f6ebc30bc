using System.Net;
using StpCollector.Accounts;
using StpCollector.Audit;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Web;

public sealed class SignInTests
{
    [Test]
    public async Task A_page_without_a_session_redirects_to_sign_in_and_a_signed_in_viewer_sees_the_dashboard()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        using var anonymous = server.Anonymous();
        using var redirected = await anonymous.GetResponseAsync("/");
        Assert.That(redirected.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(redirected.Headers.Location!.ToString(), Does.Contain("/sign-in?returnUrl=%2F"));

        using var viewer = await server.SignInAsync("viewer@lga.test");
        var (status, body) = await viewer.GetAsync("/");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body, Does.Contain("Dashboard").And.Contain("viewer@lga.test"));
        var audit = await server.Services.GetRequiredService<AuditLog>().ListAsync(null, 10);
        Assert.That(audit.Select(a => (a.Actor, a.Action)), Does.Contain(("viewer@lga.test", "sign-in")));
    }

    [Test]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one_and_the_lock_is_audited()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        var password = await server.AddUserAsync("officer@lga.test", StaffRole.Officer);
        using var client = server.Anonymous();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await client.PostFormAsync("/sign-in", new() { ["Email"] = "officer@lga.test", ["Password"] = "not it " + i });
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var right = await client.PostFormAsync("/sign-in", new() { ["Email"] = "officer@lga.test", ["Password"] = password });
        var page = await right.Content.ReadAsStringAsync();
        Assert.That(right.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a locked account must not sign in");
        Assert.That(page, Does.Contain("locked after too many wrong passwords"));
        var audit = await server.Services.GetRequiredService<AuditLog>().ListAsync(null, 10);
        Assert.That(audit.Select(a => a.Action), Does.Contain("locked out"));
    }

    [Test]
    public async Task The_session_cookie_is_http_only_and_same_site_lax_and_a_disabled_account_loses_its_session()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        var password = await server.AddUserAsync("admin@lga.test", StaffRole.Admin);
        using var client = server.Anonymous();
        using var signIn = await client.PostFormAsync("/sign-in", new() { ["Email"] = "admin@lga.test", ["Password"] = password });
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("stpcollector.session=", StringComparison.Ordinal));
        Assert.That(cookie, Does.Contain("httponly").IgnoreCase.And.Contain("samesite=lax").IgnoreCase);
        Assert.That((await client.GetAsync("/")).Status, Is.EqualTo(HttpStatusCode.OK));

        await server.Services.GetRequiredService<StaffUserStore>().DisableAsync("admin@lga.test");

        using var after = await client.GetResponseAsync("/");
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(after.Headers.Location!.ToString(), Does.Contain("/sign-in"));
    }

    [Test]
    public async Task A_one_time_password_leads_to_choosing_a_password_before_any_other_page()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        var (_, oneTime) = await server.Services.GetRequiredService<StaffUserStore>().AddAsync("new@lga.test", StaffRole.Viewer, null);
        using var client = server.Anonymous();
        using var signIn = await client.PostFormAsync("/sign-in", new() { ["Email"] = "new@lga.test", ["Password"] = oneTime });
        using var dashboard = await client.GetResponseAsync("/");
        Assert.That(dashboard.Headers.Location?.ToString(), Is.EqualTo("/account/password"));

        using var blank = await client.PostFormAsync("/account/password",
            new() { ["CurrentPassword"] = oneTime, ["NewPassword"] = "", ["ConfirmPassword"] = "" });
        Assert.That(await blank.Content.ReadAsStringAsync(), Does.Contain("at least 12 characters"), "a blank new password is asked again, not a crash");

        using var tooShort = await client.PostFormAsync("/account/password",
            new() { ["CurrentPassword"] = oneTime, ["NewPassword"] = "short", ["ConfirmPassword"] = "short" });
        Assert.That(await tooShort.Content.ReadAsStringAsync(), Does.Contain("at least 12 characters"));

        using var saved = await client.PostFormAsync("/account/password",
            new() { ["CurrentPassword"] = oneTime, ["NewPassword"] = "a long enough phrase", ["ConfirmPassword"] = "a long enough phrase" });
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await client.GetAsync("/")).Status, Is.EqualTo(HttpStatusCode.OK));
    }
}
