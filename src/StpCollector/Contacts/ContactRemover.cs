using System.Data.Common;
using Dapper;
using StpCollector.Reference;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Contacts;

/// <summary>
/// Takes contacts off the list. The row goes: what was sent to the address stays in the outbox, and rounds that invited it
/// keep their record (their contact reference is cleared), so a removed address gets nothing further, receipts included.
/// </summary>
internal sealed class ContactRemover(Database database, IEnumerable<IContactReferences> references)
{
    public sealed record Removal(IReadOnlyList<Contact> Removed, IReadOnlyList<string> LeftWithoutLead);

    public async Task<Removal> RemoveAsync(string email, string? councilCode, CancellationToken cancellationToken = default)
    {
        var address = EmailAddress.Normalise(email);
        await using var connection = await database.OpenAsync(cancellationToken);
        if (councilCode is not null && await CouncilDirectory.ByCodeAsync(connection, councilCode) is null)
            throw new NotFoundProblem($"There is no council '{councilCode}'. See the codes with: stpcollector councils list", field: "council");

        await using var transaction = connection.BeginTransaction();
        var contacts = (await connection.QueryAsync<Contact>($"""
            {SelectSql} WHERE ct.email = @address AND (@councilCode IS NULL OR ct.council_code = @councilCode COLLATE NOCASE) ORDER BY c.name, ct.role
            """, new { address, councilCode }, transaction)).ToList();
        if (contacts.Count == 0)
        {
            var where = councilCode is null ? "" : $" for council {councilCode.ToUpperInvariant()}";
            throw new NotFoundProblem($"No contact has the address {address}{where}. See the contacts with: stpcollector contacts list", field: "address");
        }

        await DeleteAsync(connection, transaction, contacts.Select(c => c.Id), references);
        var withoutLead = await WithoutLeadAsync(connection, transaction, contacts.Where(c => c.Role == ContactRoles.Lead).Select(c => c.CouncilCode));
        await transaction.CommitAsync(cancellationToken);
        return new Removal(contacts, withoutLead);
    }

    internal const string SelectSql = """
        SELECT ct.id AS Id, ct.council_code AS CouncilCode, c.name AS CouncilName, ct.name AS Name, ct.email AS Email, ct.role AS Role
        FROM contacts ct JOIN councils c ON c.code = ct.council_code
        """;

    internal static async Task DeleteAsync(DbConnection connection, DbTransaction transaction, IEnumerable<long> ids, IEnumerable<IContactReferences> references)
    {
        var list = ids.ToList();
        foreach (var holder in references)
            await holder.ReleaseAsync(list, connection, transaction);
        await connection.ExecuteAsync($"DELETE FROM contacts WHERE id {connection.In("list")}", new { list }, transaction);
    }

    /// <summary>"Camden (E09000007)" for each of these councils that has no lead now.</summary>
    internal static async Task<IReadOnlyList<string>> WithoutLeadAsync(DbConnection connection, DbTransaction transaction, IEnumerable<string> codes)
    {
        var list = codes.Distinct().ToList();
        return (await connection.QueryAsync<string>($"""
            SELECT c.name || ' (' || c.code || ')' FROM councils c
            WHERE c.code {connection.In("list")} AND NOT EXISTS (SELECT 1 FROM contacts x WHERE x.council_code = c.code AND x.role = 'lead' AND x.active = 1)
            ORDER BY c.name
            """, new { list }, transaction)).ToList();
    }

    /// <summary>"Camden (E09000007) now has 2 leads: a@x, b@y" for each of these councils that has more than one lead.</summary>
    internal static async Task<IReadOnlyList<string>> SeveralLeadsAsync(DbConnection connection, DbTransaction? transaction, IEnumerable<string> codes)
    {
        var list = codes.Distinct().ToList();
        return (await connection.QueryAsync<string>($"""
            SELECT c.name || ' (' || c.code || ') now has ' || count(*) || ' leads: ' || group_concat(x.email, ', ' ORDER BY x.id)
            FROM councils c JOIN (SELECT id, council_code, email FROM contacts WHERE role = 'lead' AND active = 1) x ON x.council_code = c.code
            WHERE c.code {connection.In("list")}
            GROUP BY c.code HAVING count(*) > 1
            ORDER BY c.name
            """, new { list }, transaction)).ToList();
    }
}
