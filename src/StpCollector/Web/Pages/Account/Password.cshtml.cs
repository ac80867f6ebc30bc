using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using StpCollector.Accounts;
using StpCollector.Audit;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Account;

public sealed class PasswordModel : ConsolePage
{
    [BindProperty]
    public string CurrentPassword { get; set; } = "";

    [BindProperty]
    public string NewPassword { get; set; } = "";

    [BindProperty]
    public string ConfirmPassword { get; set; } = "";

    internal bool MustChange => User.HasClaim(c => c.Type == StaffCookieEvents.MustChangePasswordClaim);

    internal int MinLength => Service<IOptions<AccountsOptions>>().Value.MinPasswordLength;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrEmpty(CurrentPassword))
            ModelState.AddModelError(nameof(CurrentPassword), "Enter your current password");
        if (NewPassword != ConfirmPassword)
            ModelState.AddModelError(nameof(ConfirmPassword), "The two new passwords are not the same");
        if (!ModelState.IsValid)
            return Page();

        var users = Service<StaffUserStore>();
        try
        {
            await users.ChangePasswordAsync(StaffId!.Value, CurrentPassword, NewPassword, Aborted);
        }
        catch (InvalidInputProblem problem)
        {
            Show(problem);
            return Page();
        }

        // The new security stamp ended every session, this one included: sign in again with the fresh account.
        var user = (await users.FindAsync(StaffId!.Value, Aborted))!;
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, StaffCookieEvents.PrincipalFor(user));
        await AuditAsync(new AuditChange("password change", "user", user.Email));
        return Redirect("/?password-changed=true");
    }
}
