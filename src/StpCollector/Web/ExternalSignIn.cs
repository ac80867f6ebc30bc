using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using StpCollector.Accounts;
using StpCollector.Audit;

namespace StpCollector.Web;

/// <summary>
/// Sign-in through the organisation's OpenID Connect provider, mapped to the local account with the same email address.
/// The provider proves who the person is; the local account (its role, whether it is disabled) decides what they may do.
/// </summary>
internal static class ExternalSignIn
{
    public const string FailedQuery = "external=failed";

    public static AuthenticationBuilder AddExternalSignIn(this AuthenticationBuilder authentication, ExternalSignInOptions settings)
    {
        if (!settings.Enabled)
            return authentication;
        return authentication.AddOpenIdConnect(ExternalSignInOptions.Scheme, settings.DisplayName, oidc =>
        {
            oidc.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            oidc.Authority = settings.Authority;
            oidc.ClientId = settings.ClientId;
            oidc.ClientSecret = settings.ClientSecret;
            oidc.ResponseType = OpenIdConnectResponseType.Code;
            oidc.UsePkce = true;
            oidc.CallbackPath = ExternalSignInOptions.CallbackPath;
            oidc.Scope.Clear();
            foreach (var scope in new[] { "openid", "profile", "email" })
                oidc.Scope.Add(scope);
            oidc.SaveTokens = false;
            oidc.Events.OnTokenValidated = MapToStaffAccountAsync;
            oidc.Events.OnRemoteFailure = context =>
            {
                context.Response.Redirect("/sign-in?" + FailedQuery);
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
    }

    /// <summary>The address the provider vouches for: its email claim, else the sign-in name Microsoft 365 gives.</summary>
    public static string? EmailOf(ClaimsPrincipal? principal) =>
        new[] { ClaimTypes.Email, "email", "preferred_username", ClaimTypes.Upn, "upn" }
            .Select(type => principal?.FindFirstValue(type))
            .FirstOrDefault(value => value is not null && value.Contains('@', StringComparison.Ordinal));

    private static async Task MapToStaffAccountAsync(TokenValidatedContext context)
    {
        var email = EmailOf(context.Principal);
        var services = context.HttpContext.RequestServices;
        var user = email is null ? null : await services.GetRequiredService<StaffUserStore>().FindAsync(email, context.HttpContext.RequestAborted);
        if (user is null || user.IsDisabled)
        {
            context.Fail($"No active StpCollector account for {email ?? "the address the provider gave"}.");
            return;
        }

        context.Principal = StaffCookieEvents.PrincipalFor(user, signedInWithPassword: false);
        await services.GetRequiredService<AuditLog>().RecordAsync(AuditActor.ConsoleUser(user.Email),
            new AuditChange("sign-in", "user", user.Email, Detail: "through the organisation's sign-in (OpenID Connect)"), context.HttpContext.RequestAborted);
    }
}
