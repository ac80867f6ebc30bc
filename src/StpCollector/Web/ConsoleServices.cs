using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Accounts;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Web;

/// <summary>The console's services: Razor Pages, cookie sign-in, role policies, antiforgery and where its keys live.</summary>
internal static class ConsoleServices
{
    public const string SessionCookie = "stpcollector.session";

    public static IServiceCollection AddConsole(this IServiceCollection services, WebOptions options, AppPaths paths)
    {
        services.AddRazorPages(pages =>
        {
            pages.RootDirectory = "/Web/Pages";
            pages.Conventions.AllowAnonymousToPage("/SignIn");
            pages.Conventions.AllowAnonymousToPage("/Unsubscribe");
            pages.Conventions.AuthorizeFolder("/Users", StaffPolicies.Admin);
        }).AddMvcOptions(mvc =>
        {
            mvc.ModelMetadataDetailsProviders.Add(new KeepEmptyStrings());
            mvc.Filters.Add(new NotFoundAsPage());
        })
        .ConfigureApplicationPartManager(parts =>
        {
            // The pages live in this assembly, which is not the entry assembly when another program (a test) hosts the console.
            var own = typeof(ConsolePage).Assembly;
            if (parts.ApplicationParts.Any(p => p is Microsoft.AspNetCore.Mvc.ApplicationParts.AssemblyPart a && a.Assembly == own))
                return;
            foreach (var part in Microsoft.AspNetCore.Mvc.ApplicationParts.ApplicationPartFactory.GetApplicationPartFactory(own).GetApplicationParts(own))
                parts.ApplicationParts.Add(part);
        });
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "stpcollector.antiforgery";
            antiforgery.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
        });

        // Keys in the data folder: sessions survive a restart, and every process on the same data folder can read them.
        // On PostgreSQL the workers share no folder, so the keys live in the database they share.
        services.AddDataProtection()
            .SetApplicationName("StpCollector")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(paths.DataDir, "keys")));
        services.AddOptions<KeyManagementOptions>().Configure<Database, TimeProvider>((keys, database, clock) =>
        {
            if (database.IsPostgreSql)
                keys.XmlRepository = new ConsoleKeyRing(database, clock);
        });

        services.AddSingleton<StaffCookieEvents>();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = SessionCookie;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
                cookie.LoginPath = "/sign-in";
                cookie.LogoutPath = "/sign-out";
                cookie.AccessDeniedPath = "/forbidden";
                cookie.ReturnUrlParameter = "returnUrl";
                cookie.ExpireTimeSpan = TimeSpan.FromMinutes(options.IdleTimeoutMinutes);
                cookie.SlidingExpiration = true;
                cookie.EventsType = typeof(StaffCookieEvents);
            })
            .AddExternalSignIn(options.OpenIdConnect);
        services.AddAuthorization(authorization =>
        {
            // Every page is private unless it says otherwise.
            authorization.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            foreach (var role in StaffRoles.All)
                authorization.AddPolicy(StaffPolicies.For(role), policy => policy.RequireAuthenticatedUser().RequireRole(role.Name()));
        });

        services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var proxy in options.KnownProxies)
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
        });
        return services;
    }
}

/// <summary>Names of the role policies pages and endpoints ask for.</summary>
internal static class StaffPolicies
{
    public const string Viewer = "viewer";
    public const string Officer = "officer";
    public const string Approver = "approver";
    public const string Admin = "admin";

    public static string For(StaffRole role) => role.Name();
}
