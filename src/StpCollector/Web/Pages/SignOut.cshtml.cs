using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using StpCollector.Audit;

namespace StpCollector.Web.Pages;

[AllowAnonymous]
public sealed class SignOutModel : ConsolePage
{
    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? Page() : Redirect("/sign-in");

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            await AuditAsync(new AuditChange("sign-out", "user", User.Identity.Name ?? ""));
            await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }

        return Redirect("/sign-in?signed-out=true");
    }
}
