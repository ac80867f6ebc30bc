using System.Data.Common;
using Dapper;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Contacts;

/// <summary>A contact as staff manage it in the console: whether it is active, and the version an edit must name.</summary>
internal sealed record ContactEntry(long Id, string CouncilCode, string CouncilName, string Name, string Email, string Role, bool Active, long Version)
{
    public string Describe() => $"{Name} <{Email}>, {Role} of {CouncilName} ({CouncilCode}){(Active ? "" : ", inactive")}";
}

/// <summary>
/// Staff edit, deactivate, reactivate and remove single contacts. An edit names the version it started from and is refused
/// (<see cref="ConflictProblem"/>) when a colleague changed the contact since; each change is one transaction.
/// </summary>
internal sealed class ContactBook(Database database, TimeProvider clock, IEnumerable<IContactReferences> references)
{
    /// <summary>As SQLite gives it (active is 0 or 1).</summary>
    private sealed record Row(long Id, string CouncilCode, string CouncilName, string Name, string Email, string Role, long Active, long Version)
    {
        public ContactEntry Entry => new(Id, CouncilCode, CouncilName, Name, Email, Role, Active != 0, Version);
    }

    private const string SelectSql = """
        SELECT ct.id AS Id, ct.council_code AS CouncilCode, c.name AS CouncilName, ct.name AS Name, ct.email AS Email, ct.role AS Role,
               ct.active AS Active, ct.version AS Version
        FROM contacts ct JOIN councils c ON c.code = ct.council_code
        """;

    /// <summary>One page of the contacts (of one council, or all), councils by name and leads first, with how many there are in all.</summary>
    public async Task<(IReadOnlyList<ContactEntry> Page, int Total)> ListAsync(string? councilCode, int skip, int take, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM contacts WHERE @councilCode IS NULL OR council_code = @councilCode COLLATE NOCASE", new { councilCode });
        var page = (await connection.QueryAsync<Row>($"""
            {SelectSql} WHERE (@councilCode IS NULL OR ct.council_code = @councilCode COLLATE NOCASE)
            ORDER BY c.name, ct.role <> 'lead', ct.role, ct.email
            LIMIT @take OFFSET @skip
            """, new { councilCode, skip, take })).Select(r => r.Entry).ToList();
        return (page, total);
    }

    public async Task<ContactEntry> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindAsync(connection, null, id) ?? throw NotFound(id);
    }

    /// <summary>New name, address and role for a contact, from the version the officer saw.</summary>
    public async Task<(ContactEntry Before, ContactEntry After)> EditAsync(long id, string name, string email, string role, long seenVersion, CancellationToken cancellationToken)
    {
        name = name.Trim();
        var address = EmailAddress.Normalise(email);
        role = role.Trim().ToLowerInvariant().Replace(' ', '_');
        if (name.Length == 0)
            throw new InvalidInputProblem("Enter the contact's name", field: "Name");
        if (!EmailAddress.IsValid(address))
            throw new InvalidInputProblem($"'{email.Trim()}' is not an email address: enter one address, like stp.lead@camden.gov.uk", field: "Email");
        if (!ContactRoles.All.Contains(role))
            throw new InvalidInputProblem($"Choose a role: one of {string.Join(", ", ContactRoles.All)}", field: "Role");

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (DbTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var before = await FindAsync(connection, transaction, id) ?? throw NotFound(id);
        if (before.Version != seenVersion)
            throw Changed(before);
        var clash = await connection.ExecuteScalarAsync<long?>(
            "SELECT id FROM contacts WHERE council_code = @CouncilCode AND email = @address AND role = @role AND id <> @id",
            new { before.CouncilCode, address, role, id }, transaction);
        if (clash is not null)
            throw new InvalidInputProblem($"{before.CouncilName} already has {address} as its {role} contact. Change the address or the role, or remove the other entry.", field: "Email");
        await connection.ExecuteAsync("""
            UPDATE contacts SET name = @name, email = @address, role = @role, updated_at = @now, version = version + 1
            WHERE id = @id AND version = @seenVersion
            """, new { id, name, address, role, seenVersion, now = DapperSetup.Format(clock.GetUtcNow()) }, transaction);
        var after = (await FindAsync(connection, transaction, id))!;
        await transaction.CommitAsync(cancellationToken);
        return (before, after);
    }

    /// <summary>Deactivates (no further invitations, reminders or FoI requests) or reactivates a contact.</summary>
    public async Task<(ContactEntry Before, ContactEntry After)> SetActiveAsync(long id, bool active, long seenVersion, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (DbTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var before = await FindAsync(connection, transaction, id) ?? throw NotFound(id);
        if (before.Active == active)
            throw new ConflictProblem($"{before.Describe()} is already {(active ? "active" : "inactive")}: nothing was changed.");
        if (before.Version != seenVersion)
            throw Changed(before);
        await connection.ExecuteAsync("UPDATE contacts SET active = @active, updated_at = @now, version = version + 1 WHERE id = @id",
            new { id, active, now = DapperSetup.Format(clock.GetUtcNow()) }, transaction);
        var after = (await FindAsync(connection, transaction, id))!;
        await transaction.CommitAsync(cancellationToken);
        return (before, after);
    }

    /// <summary>
    /// Takes a contact off the list, as `contacts remove` does, unless another feature still holds it (a running round's
    /// invited lead): then it is refused with the reason, and deactivating is the way to stop its mail.
    /// </summary>
    public async Task<(ContactEntry Removed, IReadOnlyList<string> LeftWithoutLead)> RemoveAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (DbTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var contact = await FindAsync(connection, transaction, id) ?? throw NotFound(id);
        foreach (var holder in references)
        {
            if (await holder.HoldsAsync([id], connection, transaction) is { } why)
                throw new ConflictProblem($"{contact.Name} <{contact.Email}> cannot be removed: {why}. Deactivate the contact instead: it stays on record and gets no further mail.");
        }

        await ContactRemover.DeleteAsync(connection, transaction, [id], references);
        var withoutLead = contact.Role == ContactRoles.Lead ? await ContactRemover.WithoutLeadAsync(connection, transaction, [contact.CouncilCode]) : [];
        await transaction.CommitAsync(cancellationToken);
        return (contact, withoutLead);
    }

    private static async Task<ContactEntry?> FindAsync(DbConnection connection, DbTransaction? transaction, long id) =>
        (await connection.QuerySingleOrDefaultAsync<Row>($"{SelectSql} WHERE ct.id = @id", new { id }, transaction))?.Entry;

    private static NotFoundProblem NotFound(long id) => new($"There is no contact #{id}. See the contacts with: stpcollector contacts list", field: "contact");

    private static ConflictProblem Changed(ContactEntry now) =>
        new($"A colleague changed this contact since you opened it (now: {now.Describe()}). Your change was not saved: check it and save again.");
}
