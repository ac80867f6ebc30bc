using StpCollector.Accounts;

namespace StpCollector.Web.Pages.Users;

/// <summary>Staff accounts with their role, state and last sign-in (administrators only: the /Users folder is theirs).</summary>
public sealed class IndexModel : ConsolePage
{
    internal IReadOnlyList<StaffUser> Accounts { get; private set; } = [];

    internal DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync()
    {
        Accounts = await Service<StaffUserStore>().ListAsync(Aborted);
        Now = Service<TimeProvider>().GetUtcNow();
    }

    internal string State(StaffUser user) => user switch
    {
        { IsDisabled: true } => "disabled",
        _ when user.IsLockedAt(Now) => "locked",
        { MustChangePassword: true } => "must choose a password",
        _ => "active",
    };

    internal static string StateTag(string state) => state switch
    {
        "active" => "govuk-tag--green",
        "disabled" => "govuk-tag--grey",
        "locked" => "govuk-tag--red",
        _ => "govuk-tag--yellow",
    };
}
