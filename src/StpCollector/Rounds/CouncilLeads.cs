using System.Data.Common;
using StpCollector.Contacts;

namespace StpCollector.Rounds;

/// <summary>A council lead a round's invitation or reminder is addressed to.</summary>
internal sealed record RoundLead(string Name, string Email);

/// <summary>
/// Every lead a council has when its mail is built. A council with several leads gets one message with all of them
/// in To: one reply address, one thread, one delivery status per council and round, and each lead sees who else has it.
/// </summary>
internal static class CouncilLeads
{
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<RoundLead>>> ForAsync(
        DbConnection connection, IEnumerable<string> councilCodes, DbTransaction? transaction = null) =>
        From(await ContactDirectory.LeadsAsync(councilCodes, connection, transaction));

    internal static IReadOnlyDictionary<string, IReadOnlyList<RoundLead>> From(IReadOnlyDictionary<string, IReadOnlyList<Lead>> leads) =>
        leads.ToDictionary(l => l.Key, l => (IReadOnlyList<RoundLead>)l.Value.Select(r => new RoundLead(r.Name, r.Email)).ToList(), StringComparer.OrdinalIgnoreCase);

    /// <summary>"Ann Lee", "Ann Lee and Bo Cho", "Ann Lee, Bo Cho and Cy Dee": how the letter greets them.</summary>
    public static string Greeting(IReadOnlyList<RoundLead> leads) => leads.Count switch
    {
        0 => "",
        1 => leads[0].Name,
        _ => string.Join(", ", leads.Take(leads.Count - 1).Select(l => l.Name)) + " and " + leads[^1].Name,
    };
}
