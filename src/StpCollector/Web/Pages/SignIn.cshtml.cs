using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using StpCollector.Accounts;
using StpCollector.Audit;
using StpCollector.Calendar;

namespace StpCollector.Web.Pages;

public sealed class SignInModel : ConsolePage
{
    [BindProperty]
    public string Email { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true, Name = "signed-out")]
    public bool SignedOut { get; set; }

    [BindProperty(SupportsGet = true, Name = "external")]
    public string? External { get; set; }

    internal ExternalSignInOptions ExternalSignIn => Service<Microsoft.Extensions.Options.IOptions<WebOptions>>().Value.OpenIdConnect;

    public IActionResult OnGet()
    {
        if (User.Identity?.IsAuthenticated == true)
            return LocalRedirect(SafeReturn());
        if (External == "failed")
            ModelState.AddModelError("", "Your organisation's sign-in worked, but there is no active account in this service for that email address. Ask an administrator of this service.");
        return Page();
    }

    /// <summary>Hands the person to the organisation's sign-in (when configured); they come back signed in.</summary>
    public IActionResult OnGetExternal() =>
        ExternalSignIn.Enabled
            ? Challenge(new AuthenticationProperties { RedirectUri = SafeReturn() }, ExternalSignInOptions.Scheme)
            : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email))
            ModelState.AddModelError(nameof(Email), "Enter your email address");
        if (string.IsNullOrEmpty(Password))
            ModelState.AddModelError(nameof(Password), "Enter your password");
        if (!ModelState.IsValid)
            return Page();

        var result = await Service<StaffSignIn>().CheckAsync(Email, Password, Aborted);
        switch (result.Outcome)
        {
            case SignInOutcome.SignedIn:
                await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, StaffCookieEvents.PrincipalFor(result.User!));
                await Service<AuditLog>().RecordAsync(AuditActor.ConsoleUser(result.User!.Email), new AuditChange("sign-in", "user", result.User.Email), Aborted);
                return LocalRedirect(SafeReturn());
            case SignInOutcome.LockedOut:
                if (result.JustLocked)
                    await Service<AuditLog>().RecordAsync(AuditActor.ConsoleUser(result.User!.Email), new AuditChange("locked out", "user", result.User.Email,
                        Detail: "too many wrong passwords in a row"), Aborted);
                ModelState.AddModelError(nameof(Email),
                    $"This account is locked after too many wrong passwords. Try again after {LondonTime.Short(result.LockedUntil!.Value)}, or ask an administrator to unlock it.");
                return Page();
            default:
                ModelState.AddModelError(nameof(Email), "The email address or password is not right, or the account is disabled.");
                return Page();
        }
    }

    private string SafeReturn() => ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) && !url.StartsWith("/sign-", StringComparison.Ordinal) ? url : "/";
}
