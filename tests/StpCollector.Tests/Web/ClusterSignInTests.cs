using System.Net;
using System.Text.RegularExpressions;
using StpCollector.Accounts;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Web;

/// <summary>
/// Two workers on one PostgreSQL each serve the console; behind a load balancer a staff member's next request may
/// reach the other one. The cookie keys live in the shared database, so the sign-in made on one holds on the other.
/// </summary>
public sealed partial class ClusterSignInTests
{
    [Test]
    public async Task A_sign_in_made_on_one_worker_is_accepted_by_another_on_the_same_database()
    {
        using var first = new TempDataDir(postgres: true);
        using var second = new TempDataDir();
        await using var a = await ConsoleServer.StartAsync(first);
        await using var b = await ConsoleServer.StartAsync(second, first.StorageSettings());
        var password = await a.AddUserAsync("officer@lga.test", StaffRole.Officer);

        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var toA = new HttpClient(handler, disposeHandler: false) { BaseAddress = a.Address };
        using var toB = new HttpClient(handler, disposeHandler: false) { BaseAddress = b.Address };
        var page = await toA.GetStringAsync("/sign-in");
        var token = WebUtility.HtmlDecode(Token().Match(page).Groups["token"].Value);
        using var signIn = await toA.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "officer@lga.test", ["Password"] = password, ["__RequestVerificationToken"] = token,
        }));
        Assert.That(signIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "signed in on the first worker");

        // Both listen on 127.0.0.1, so the cookie jar sends the first worker's cookies to the second, as a browser would behind one address.
        using var dashboard = await toB.GetAsync("/");
        Assert.That(dashboard.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"the second worker sent {(int)dashboard.StatusCode} {dashboard.Headers.Location}");
        Assert.That(await dashboard.Content.ReadAsStringAsync(), Does.Contain("Sign out"));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex Token();
}
