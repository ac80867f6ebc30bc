using Dapper;
using StpCollector.Storage;

namespace StpCollector.Contacts;

public sealed record Contact(long Id, string CouncilCode, string CouncilName, string Name, string Email, string Role);

public sealed class ContactDirectory(Database database)
{
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
