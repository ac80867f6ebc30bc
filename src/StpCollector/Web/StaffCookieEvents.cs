using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using StpCollector.Accounts;

namespace StpCollector.Web;

/// <summary>
/// Checks each request's session against the account: a disabled account, a reset password or a changed role (all change
/// the security stamp) ends the session at once. A refused role answers 403 instead of redirecting.
/// </summary>
internal sealed class StaffCookieEvents(StaffUserStore users) : CookieAuthenticationEvents
{
    public const string StampClaim = "stpcollector:stamp";
    public const string MustChangePasswordClaim = "stpcollector:must-change-password";

    public static ClaimsPrincipal PrincipalFor(StaffUser user, bool signedInWithPassword = true)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.Email),
            new(ClaimTypes.GivenName, user.Name),
            new(StampClaim, user.SecurityStamp),
        };
        claims.AddRange(user.Role.Held().Select(r => new Claim(ClaimTypes.Role, r.Name())));
        if (user.MustChangePassword && signedInWithPassword)
            claims.Add(new Claim(MustChangePasswordClaim, "true"));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (!long.TryParse(principal?.FindFirstValue(ClaimTypes.NameIdentifier), CultureInfo.InvariantCulture, out var id))
        {
            await Reject(context);
            return;
        }

        var user = await users.FindAsync(id, context.HttpContext.RequestAborted);
        if (user is null || user.IsDisabled || user.SecurityStamp != principal!.FindFirstValue(StampClaim))
            await Reject(context);
    }

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    private static async Task Reject(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
