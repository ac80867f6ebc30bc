using StpCollector.Accounts;

namespace StpCollector.Tests.Web.Actions;

/// <summary>Anyone signed in changes their own password; the change is audited under their name.</summary>
internal sealed class PasswordChangeScenario : IStaffActionScenario
{
    public string Route => "/account/password";

    public StaffRole Role => StaffRole.Viewer;

    public Task<StaffActionRequest> ArrangeAsync(ConsoleServer server) =>
        Task.FromResult(new StaffActionRequest("/account/password", new()
        {
            ["CurrentPassword"] = "correct horse battery staple",
            ["NewPassword"] = "a longer passphrase for the audit test",
            ["ConfirmPassword"] = "a longer passphrase for the audit test",
        }));
}
