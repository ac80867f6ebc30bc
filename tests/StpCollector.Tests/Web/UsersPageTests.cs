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

        var (viewerStatus, viewerPage) = await viewer.GetAsync("/users");
        Assert.That(viewerStatus, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(viewerPage, Does.Contain("You cannot do that").And.Not.Contain("never@lga.test"));
        var (officerStatus, officerPage) = await officer.GetAsync("/users");
        Assert.That(officerStatus, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(officerPage, Does.Not.Contain("never@lga.test"));

        var (status, body) = await admin.GetAsync("/users");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body, Does.Contain("viewer@lga.test").And.Contain("officer@lga.test").And.Contain("never@lga.test"));
        Assert.That(body, Does.Contain("approver").And.Contain("admin").And.Contain("active").And.Contain("never"));
        Assert.That(body, Does.Not.Contain("AQAAAA"), "no password hash on the page");
    }
}
