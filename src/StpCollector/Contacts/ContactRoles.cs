namespace StpCollector.Contacts;

internal static class ContactRoles
{
    public const string Lead = "lead";
    public const string Foi = "foi";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Lead, Foi, "chief_executive", "dass", "dph", "hwb_chair", "other",
    };
}
