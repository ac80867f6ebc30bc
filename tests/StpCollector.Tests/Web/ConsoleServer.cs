using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Accounts;
using StpCollector.Cli;
using StpCollector.Hosting;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Web;

/// <summary>
/// The real console (Kestrel on a free loopback port, the real SQLite file) in the test process, started over a
/// <see cref="TempDataDir"/>; signed-in clients speak plain HTTP to it as a browser would, antiforgery tokens included.
/// </summary>
internal sealed partial class ConsoleServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private ConsoleServer(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => app.Services;

    public static async Task<ConsoleServer> StartAsync(TempDataDir data, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?>(data.StorageSettings()) { ["Web:Urls"] = "http://127.0.0.1:0" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            all[key] = value;
        var config = TestConfig.Write(data, all);
        var app = ConsoleHost.Build(new GlobalArguments(data.Path, config), worker: false, services);
        await AppHost.PrepareAsync(app.Services);
        await app.StartAsync();
        return new ConsoleServer(app, new Uri(app.Urls.First()));
    }

    /// <summary>Creates an account that has already chosen its password, and returns that password.</summary>
    public async Task<string> AddUserAsync(string email, StaffRole role)
    {
        var users = Services.GetRequiredService<StaffUserStore>();
        var (user, oneTime) = await users.AddAsync(email, role, displayName: null);
        const string chosen = "correct horse battery staple";
        await users.ChangePasswordAsync(user.Id, oneTime, chosen);
        return chosen;
    }

    /// <summary>A client with no session (redirects are not followed, so tests see them).</summary>
    public ConsoleClient Anonymous() => new(this);

    public async Task<ConsoleClient> SignInAsync(string email, StaffRole role = StaffRole.Viewer)
    {
        var password = await AddUserAsync(email, role);
        var client = new ConsoleClient(this);
        var response = await client.PostFormAsync("/sign-in", new() { ["Email"] = email, ["Password"] = password });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), $"sign-in of {email} failed: {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>One browser-like session: a cookie jar, and the antiforgery token of the last page it read.</summary>
internal sealed partial class ConsoleClient(ConsoleServer server) : IDisposable
{
    private readonly HttpClient http = new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseCookies = true })
    {
        BaseAddress = server.Address,
    };

    public HttpClient Http => http;

    public async Task<(HttpStatusCode Status, string Body)> GetAsync(string path)
    {
        using var response = await http.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public Task<HttpResponseMessage> GetResponseAsync(string path) => http.GetAsync(path);

    /// <summary>Reads the form's page first (for its antiforgery token, as a browser would), then posts the fields.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> fields, string? formPage = null, bool withToken = true)
    {
        var form = new Dictionary<string, string>(fields);
        if (withToken)
        {
            var (status, page) = await GetAsync(formPage ?? path);
            var token = Token().Match(page);
            Assert.That(token.Success, Is.True, $"no antiforgery token on {formPage ?? path} ({(int)status}): {page[..Math.Min(page.Length, 3000)]}");
            form["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups["token"].Value);
        }

        return await http.PostAsync(path, new FormUrlEncodedContent(form));
    }

    public void Dispose() => http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex Token();
}
