using System.Data.Common;
using StpCollector.Contacts;

namespace StpCollector.Ingestion;

/// <summary>
/// Whether a matched reply's sender may speak for the council: a known contact, or (by default) someone on the
/// domain of one of the council's contacts — a colleague forwarding. Anyone else is held for staff.
/// </summary>
internal static class SenderCheckRule
{
    /// <summary>Null when accepted; otherwise why the message is held.</summary>
    public static async Task<string?> ProblemAsync(SenderCheck rule, string sender, string councilCode, DbConnection connection, DbTransaction transaction)
    {
        if (rule == SenderCheck.Off)
            return null;
        var emails = await ContactDirectory.EmailsOfAsync(councilCode, connection, transaction);
        if (emails.Any(e => e.Equals(sender, StringComparison.OrdinalIgnoreCase)))
            return null;
        var domains = emails.Select(EmailAddress.DomainOf).Distinct().Order().ToList();
        if (rule == SenderCheck.ContactOrCouncilDomain && domains.Contains(EmailAddress.DomainOf(sender)))
            return null;
        var name = (await Reference.CouncilDirectory.ByCodeAsync(connection, councilCode, transaction))?.Name ?? councilCode;
        return rule == SenderCheck.ContactOnly || domains.Count == 0
            ? $"the sender {sender} is not a known contact of {name} ({councilCode})"
            : $"the sender {sender} is not a known contact of {name} ({councilCode}) nor on its domain ({string.Join(", ", domains)})";
    }
}
