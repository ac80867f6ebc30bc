using System.Data.Common;
using Dapper;
using StpCollector.Contacts;
using StpCollector.Files;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Bulletins;

/// <summary>
/// Imports subscribers from CSV (email, optional name) in the style of the contacts import: the whole file is
/// checked first and, unless told to skip invalid rows, one bad row means nothing is imported. People who have
/// unsubscribed or were suspended are left as they are: an old list must not sign them up again.
/// </summary>
internal sealed class SubscriberImporter(Database database, SubscriberStore store, TimeProvider clock)
{
    public sealed record Result(int Added, int Updated, int Unchanged, int KeptOut, IReadOnlyList<ContactImporter.RowProblem> Problems, bool Imported);

    private sealed record Row(int Line, string Email, string Name);

    public Task<Result> ImportAsync(string path, bool skipInvalid, CancellationToken cancellationToken = default) =>
        ImportAsync(CsvTable.Read(path), skipInvalid, cancellationToken);

    /// <summary>Imports a CSV already read (an upload in the console; its name stands in for the path in messages).</summary>
    public async Task<Result> ImportAsync(CsvTable table, bool skipInvalid, CancellationToken cancellationToken = default)
    {
        var path = table.Path;
        int email = table.ColumnOf("email"), name = table.ColumnOf("name");
        if (email < 0)
            throw new InvalidInputProblem(
                $"{path}, line 1: missing column email. The header must name email (and optionally name); found: {string.Join(",", table.Headers)}.", field: "file");

        var problems = new List<ContactImporter.RowProblem>();
        var rows = new List<Row>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in table.Rows)
        {
            var address = EmailAddress.Normalise(row.Get(email));
            if (!EmailAddress.IsValid(address))
                problems.Add(new(row.Line, address.Length == 0 ? "email is empty" : $"'{row.Get(email)}' is not a valid email address"));
            else if (seen.TryGetValue(address, out var first))
                problems.Add(new(row.Line, $"repeats line {first} (same email)"));
            else
            {
                seen[address] = row.Line;
                rows.Add(new Row(row.Line, address, name < 0 ? "" : row.Get(name)));
            }
        }

        if (problems.Count > 0 && !skipInvalid)
            return new Result(0, 0, 0, 0, problems, Imported: false);

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (DbTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var now = DapperSetup.Format(clock.GetUtcNow());
        int added = 0, updated = 0, unchanged = 0, keptOut = 0;
        foreach (var row in rows)
        {
            var existing = await SubscriberStore.FindAsync(connection, transaction, row.Email);
            if (existing is null)
            {
                await store.InsertAsync(connection, transaction, row.Email, row.Name, now);
                added++;
            }
            else if (existing.Status != SubscriberStore.Active)
                keptOut++;
            else if (row.Name.Length > 0 && row.Name != existing.Name)
            {
                await connection.ExecuteAsync("UPDATE subscribers SET name = @Name, updated_at = @now WHERE id = @Id",
                    new { row.Name, existing.Id, now }, transaction);
                updated++;
            }
            else
                unchanged++;
        }

        await transaction.CommitAsync(cancellationToken);
        return new Result(added, updated, unchanged, keptOut, problems, Imported: true);
    }
}
