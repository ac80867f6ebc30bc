using StpCollector.Shared;

namespace StpCollector.Accounts;

/// <summary>What a member of staff may do in the console. Each role includes the ones below it.</summary>
internal enum StaffRole
{
    /// <summary>Reads every page.</summary>
    Viewer = 1,

    /// <summary>Runs rounds, the holding pen, contacts and FoI.</summary>
    Officer = 2,

    /// <summary>Approves bulletins.</summary>
    Approver = 3,

    /// <summary>Manages staff accounts.</summary>
    Admin = 4,
}

internal static class StaffRoles
{
    public static readonly IReadOnlyList<StaffRole> All = [StaffRole.Viewer, StaffRole.Officer, StaffRole.Approver, StaffRole.Admin];

    public static string Name(this StaffRole role) => role.ToString().ToLowerInvariant();

    public static StaffRole Parse(string text, string field = "--role") =>
        All.FirstOrDefault(r => string.Equals(r.Name(), text.Trim(), StringComparison.OrdinalIgnoreCase)) is var role && role != default
            ? role
            : throw new InvalidInputProblem($"'{text}' is not a role. Choose one of: {string.Join(", ", All.Select(Name))}.", field);

    /// <summary>The roles a member of staff holds: their own and every role below it.</summary>
    public static IEnumerable<StaffRole> Held(this StaffRole role) => All.Where(r => r <= role);
}
