using System.Net;
using StpCollector.Accounts;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Web;

public sealed class UsersPageTests
{
    [Test]
    public async Task Only_an_admin_sees_the_staff_accounts_with_role_state_and_last_sign_in()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        using var viewer = await server.SignInAsync("viewer@lga.test");
        using var officer = await server.SignInAsync("officer@lga.test", StaffRole.Officer);
        using var admin = await server.SignInAsync("admin@lga.test", StaffRole.Admin);
        await server.AddUserAsync("never@lga.test", StaffRole.Approver);

        using var refused = await viewer.GetResponseAsync("/users");
        Assert.That(refused.StatusCode, Is.AnyOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect));
        if (refused.StatusCode == HttpStatusCode.Redirect)
            Assert.That((await viewer.GetAsync(refused.Headers.Location!.ToString())).Status, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await officer.GetAsync("/users")).Body, Does.Not.Contain("never@lga.test"));

        var (status, body) = await admin.GetAsync("/users");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body, Does.Contain("viewer@lga.test").And.Contain("officer@lga.test").And.Contain("never@lga.test"));
        Assert.That(body, Does.Contain("approver").And.Contain("admin").And.Contain("active").And.Contain("never"));
        Assert.That(body, Does.Not.Contain("AQAAAA"), "no password hash on the page");
    }
}
