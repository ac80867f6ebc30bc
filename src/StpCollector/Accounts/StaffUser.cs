namespace StpCollector.Accounts;

/// <summary>A member of staff who can sign in to the console (never carries the password hash).</summary>
internal sealed record StaffUser(
    long Id,
    string Email,
    string DisplayName,
    string RoleName,
    long MustChangePasswordFlag,
    string SecurityStamp,
    long FailedSignIns,
    DateTimeOffset? LockedUntil,
    DateTimeOffset? DisabledAt,
    DateTimeOffset? LastSignInAt,
    DateTimeOffset CreatedAt)
{
    public StaffRole Role => StaffRoles.Parse(RoleName, "role");

    public bool MustChangePassword => MustChangePasswordFlag != 0;

    public bool IsDisabled => DisabledAt is not null;

    public string Name => DisplayName.Length > 0 ? DisplayName : Email;

    public bool IsLockedAt(DateTimeOffset now) => LockedUntil is { } until && until > now;
}
