using Dapper;
using Microsoft.Data.Sqlite;
using StpCollector.Storage;

namespace StpCollector.Contacts;

internal sealed record Contact(long Id, string CouncilCode, string CouncilName, string Name, string Email, string Role);

/// <summary>A council lead: who a round's invitation and reminders are addressed to.</summary>
internal sealed record Lead(long Id, string CouncilCode, string Name, string Email);

internal sealed class ContactDirectory(Database database)
{
    /// <summary>
    /// Every lead of these councils, keyed by council code, oldest first (the first is the one a round records). Runs on the
    /// caller's connection and transaction, so a round sees the leads as they are when it writes.
    /// </summary>
    internal static async Task<IReadOnlyDictionary<string, IReadOnlyList<Lead>>> LeadsAsync(
        IEnumerable<string> councilCodes, SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        var codes = councilCodes.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var rows = await connection.QueryAsync<Lead>("""
            SELECT id AS Id, council_code AS CouncilCode, name AS Name, email AS Email
            FROM contacts WHERE role = @Lead AND council_code IN @codes ORDER BY council_code, id
            """, new { ContactRoles.Lead, codes }, transaction);
        return rows.GroupBy(r => r.CouncilCode, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Lead>)g.ToList(), StringComparer.OrdinalIgnoreCase);
    }

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
