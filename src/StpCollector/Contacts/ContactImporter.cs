using System.Data.Common;
using Dapper;
using StpCollector.Files;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Contacts;

/// <summary>
/// Imports council contacts from CSV. The whole file is checked first; unless asked to skip invalid rows,
/// one bad row means nothing is imported. Rows are keyed by council, email and role, so re-importing updates.
/// With replace, the file is the whole list for each council and role it names: contacts of those pairs that the file
/// does not hold are removed, in the same transaction (and invalid rows are never skipped, since skipping one would remove it).
/// </summary>
internal sealed class ContactImporter(Database database, TimeProvider clock, IEnumerable<IContactReferences> references)
{
    /// <summary>One problem in one cell: the column it concerns, in words for staff.</summary>
    public sealed record CellProblem(string Column, string Message);

    /// <summary>A row's problems: Message joins them for the command line; Cells names each one's column for the console.</summary>
    public sealed record RowProblem(int Line, string Message)
    {
        public IReadOnlyList<CellProblem> Cells { get; init; } = [];
    }

    /// <summary>What a file would do, before anything is saved: how many rows it has, how many are good, and every problem.</summary>
    public sealed record Check(string Name, int Rows, int Good, IReadOnlyList<RowProblem> Problems);

    public sealed record Result(int Added, int Updated, int Unchanged, IReadOnlyList<RowProblem> Problems, bool Imported)
    {
        /// <summary>With --replace: the contacts the file no longer holds.</summary>
        public IReadOnlyList<Contact> Removed { get; init; } = [];

        /// <summary>Councils named in the file that now have more than one lead, e.g. "Camden (E09000007) now has 2 leads: a@x, b@y".</summary>
        public IReadOnlyList<string> SeveralLeads { get; init; } = [];

        /// <summary>With --replace: councils named in the file that now have no lead.</summary>
        public IReadOnlyList<string> WithoutLead { get; init; } = [];
    }

    public async Task<Result> ImportAsync(string path, bool skipInvalid, CancellationToken cancellationToken = default) =>
        await ImportAsync(path, skipInvalid, replace: false, cancellationToken);

    public async Task<Result> ImportAsync(string path, bool skipInvalid, bool replace, CancellationToken cancellationToken = default)
    {
        if (replace && skipInvalid)
            throw new InvalidInputProblem("--replace and --skip-invalid cannot be used together: with --replace a skipped row would be removed. Fix the rows, then import.", field: "replace");
        return await ImportAsync(CsvTable.Read(path, xlsxByName: true), skipInvalid, replace, progress: null, cancellationToken);
    }

    /// <summary>Checks a file without saving anything: a missing column is a problem for the whole file (thrown), bad rows are listed.</summary>
    public async Task<Check> CheckAsync(CsvTable table, CancellationToken cancellationToken = default)
    {
        ContactRows.RequireColumns(table);
        await using var connection = await database.OpenAsync(cancellationToken);
        var (valid, problems) = ContactRows.Validate(table, await KnownCouncilsAsync(connection));
        return new Check(table.Path, table.Rows.Count, valid.Count, problems);
    }

    /// <summary>
    /// Imports the table in one transaction (nothing is saved if anything fails); <paramref name="progress"/> hears
    /// (rows written, rows to write) as it goes, for a caller that runs a long file in the background.
    /// </summary>
    public async Task<Result> ImportAsync(CsvTable table, bool skipInvalid, bool replace, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        ContactRows.RequireColumns(table);
        await using var connection = await database.OpenAsync(cancellationToken);
        var (valid, problems) = ContactRows.Validate(table, await KnownCouncilsAsync(connection));
        if (problems.Count > 0 && !skipInvalid)
            return new Result(0, 0, 0, problems, Imported: false);

        var now = DapperSetup.Format(clock.GetUtcNow());
        int added = 0, updated = 0, unchanged = 0;
        await using var transaction = (DbTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var done = 0;
        foreach (var row in valid)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (++done % 500 == 0)
                progress?.Report((done, valid.Count));
            var existing = await connection.QuerySingleOrDefaultAsync<string>(
                "SELECT name FROM contacts WHERE council_code = @CouncilCode AND email = @Email AND role = @Role", row, transaction);
            if (existing is null)
            {
                await connection.ExecuteAsync("""
                    INSERT INTO contacts (council_code, name, email, role, created_at, updated_at)
                    VALUES (@CouncilCode, @Name, @Email, @Role, @now, @now)
                    """, new { row.CouncilCode, row.Name, row.Email, row.Role, now }, transaction);
                added++;
            }
            else if (existing != row.Name)
            {
                await connection.ExecuteAsync("""
                    UPDATE contacts SET name = @Name, updated_at = @now, version = version + 1
                    WHERE council_code = @CouncilCode AND email = @Email AND role = @Role
                    """, new { row.CouncilCode, row.Name, row.Email, row.Role, now }, transaction);
                updated++;
            }
            else
            {
                unchanged++;
            }
        }

        var removed = new List<Contact>();
        if (replace)
        {
            var keep = valid.Select(r => (r.CouncilCode, r.Email, r.Role)).ToHashSet();
            foreach (var pair in valid.Select(r => (r.CouncilCode, r.Role)).Distinct())
            {
                var existing = await connection.QueryAsync<Contact>($"{ContactRemover.SelectSql} WHERE ct.council_code = @CouncilCode AND ct.role = @Role ORDER BY ct.email",
                    new { pair.CouncilCode, pair.Role }, transaction);
                removed.AddRange(existing.Where(c => !keep.Contains((c.CouncilCode, EmailAddress.Normalise(c.Email), c.Role))));
            }

            await ContactRemover.DeleteAsync(connection, transaction, removed.Select(c => c.Id), references);
        }

        var councils = valid.Select(r => r.CouncilCode).ToList();
        var severalLeads = await ContactRemover.SeveralLeadsAsync(connection, transaction, councils);
        var withoutLead = replace ? await ContactRemover.WithoutLeadAsync(connection, transaction, removed.Where(c => c.Role == ContactRoles.Lead).Select(c => c.CouncilCode)) : [];
        await transaction.CommitAsync(cancellationToken);
        progress?.Report((valid.Count, valid.Count));
        return new Result(added, updated, unchanged, problems, Imported: true) { Removed = removed, SeveralLeads = severalLeads, WithoutLead = withoutLead };
    }

    private static async Task<HashSet<string>> KnownCouncilsAsync(DbConnection connection) =>
        (await connection.QueryAsync<string>("SELECT code FROM councils")).ToHashSet(StringComparer.OrdinalIgnoreCase);
}
