using System.Data.Common;
using Dapper;
using StpCollector.Storage;

namespace StpCollector.Contacts;

internal sealed record Contact(long Id, string CouncilCode, string CouncilName, string Name, string Email, string Role);

/// <summary>A council lead: who a round's invitation and reminders are addressed to.</summary>
internal sealed record Lead(long Id, string CouncilCode, string Name, string Email);

/// <summary>A council's contact in some role (its FoI contact, say), as another feature addresses them.</summary>
internal sealed record CouncilContact(long Id, string CouncilCode, string Name, string Email);

internal sealed class ContactDirectory(Database database)
{
    /// <summary>
    /// Every lead of these councils, keyed by council code, oldest first (the first is the one a round records). Runs on the
    /// caller's connection and transaction, so a round sees the leads as they are when it writes.
    /// </summary>
    internal static async Task<IReadOnlyDictionary<string, IReadOnlyList<Lead>>> LeadsAsync(
        IEnumerable<string> councilCodes, DbConnection connection, DbTransaction? transaction = null)
    {
        var codes = councilCodes.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var rows = await connection.QueryAsync<Lead>($"""
            SELECT id AS Id, council_code AS CouncilCode, name AS Name, email AS Email
            FROM contacts WHERE role = @Lead AND active = 1 AND council_code {connection.In("codes")} ORDER BY council_code, id
            """, new { ContactRoles.Lead, codes }, transaction);
        return rows.GroupBy(r => r.CouncilCode, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Lead>)g.ToList(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Each council's first active contact in this role (the oldest), keyed by council code; councils with none are left out.</summary>
    internal static async Task<IReadOnlyDictionary<string, CouncilContact>> FirstOfRoleAsync(
        string role, IEnumerable<string> councilCodes, DbConnection connection, DbTransaction? transaction = null)
    {
        var codes = councilCodes.Distinct().ToList();
        var rows = await connection.QueryAsync<CouncilContact>($"""
            SELECT ct.id AS Id, ct.council_code AS CouncilCode, ct.name AS Name, ct.email AS Email
            FROM contacts ct
            WHERE ct.role = @role AND ct.active = 1 AND ct.council_code {connection.In("codes")}
              AND ct.id = (SELECT min(id) FROM contacts x WHERE x.council_code = ct.council_code AND x.role = @role AND x.active = 1)
            """, new { role, codes }, transaction);
        return rows.ToDictionary(c => c.CouncilCode);
    }

    /// <summary>The addresses of every contact of the council, in any role: who may speak for it, and whose domains are its own.</summary>
    internal static async Task<IReadOnlyList<string>> EmailsOfAsync(string councilCode, DbConnection connection, DbTransaction? transaction = null) =>
        (await connection.QueryAsync<string>("SELECT email FROM contacts WHERE council_code = @councilCode", new { councilCode }, transaction)).ToList();

    /// <summary>The councils this address is a contact of.</summary>
    internal static async Task<IReadOnlyList<string>> CouncilsOfAsync(string email, DbConnection connection, DbTransaction? transaction = null) =>
        (await connection.QueryAsync<string>("SELECT DISTINCT council_code FROM contacts WHERE email = @email", new { email }, transaction)).ToList();

    /// <summary>
    /// The councils with a contact on this mail domain (a colleague of a contact may be writing). The address's end is
    /// compared rather than matched with LIKE: PostgreSQL refuses LIKE on the case-insensitive column, and this reads the
    /// same on both stores.
    /// </summary>
    internal static async Task<IReadOnlyList<string>> CouncilsOnDomainAsync(string domain, DbConnection connection, DbTransaction? transaction = null) =>
        (await connection.QueryAsync<string>("""
            SELECT DISTINCT council_code FROM contacts
            WHERE lower(substr(email, length(email) - length(@domain))) = lower('@' || @domain)
            """, new { domain }, transaction)).ToList();

    public async Task<IReadOnlyList<Contact>> ListAsync(string? councilCode = null, string? role = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var contacts = await connection.QueryAsync<Contact>("""
            SELECT ct.id AS Id, ct.council_code AS CouncilCode, c.name AS CouncilName, ct.name AS Name, ct.email AS Email, ct.role AS Role
            FROM contacts ct JOIN councils c ON c.code = ct.council_code
            WHERE (@councilCode IS NULL OR ct.council_code = @councilCode COLLATE NOCASE)
              AND (@role IS NULL OR ct.role = @role)
            ORDER BY c.name, ct.role, ct.email
            """, new { councilCode, role });
        return contacts.ToList();
    }
}
