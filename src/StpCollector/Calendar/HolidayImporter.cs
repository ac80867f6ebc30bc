using System.Data.Common;
using System.Globalization;
using Dapper;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Calendar;

/// <summary>
/// Adds or renames bank holidays from a CSV file. The whole file is checked first and one bad row means nothing is
/// imported. With a replace year, that year's holidays the file does not list are removed for the jurisdictions
/// the file lists in that year (in the same transaction), so a holiday moved by proclamation can be corrected.
/// </summary>
internal sealed class HolidayImporter(Database database, TimeProvider clock)
{
    public sealed record Result(int Added, int Renamed, int Unchanged, int Removed, IReadOnlyList<HolidayFile.Problem> Problems)
    {
        public bool Imported => Problems.Count == 0;
    }

    private sealed record Key(string Date, string Jurisdiction);

    public async Task<Result> ImportAsync(string path, int? replaceYear = null, CancellationToken cancellationToken = default)
    {
        var file = HolidayFile.Read(path);
        if (!file.IsValid)
            return new Result(0, 0, 0, 0, file.Problems);
        var replacing = file.Holidays.Where(h => h.Date.Year == replaceYear).ToList();
        if (replaceYear is not null && replacing.Count == 0)
        {
            throw new InvalidInputProblem(
                $"{path} has no holidays dated {replaceYear}, so --replace-year {replaceYear} would only delete. Nothing was changed.", field: "replace-year");
        }

        var now = DapperSetup.Format(clock.GetUtcNow());
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        int added = 0, renamed = 0, unchanged = 0;
        foreach (var holiday in file.Holidays)
        {
            var row = new { date = holiday.Date, jurisdiction = holiday.Jurisdiction, name = holiday.Name, now };
            var existing = await connection.QuerySingleOrDefaultAsync<string>(
                "SELECT name FROM bank_holidays WHERE date = @date AND jurisdiction = @jurisdiction", row, transaction);
            if (existing is null)
            {
                await connection.ExecuteAsync(
                    "INSERT INTO bank_holidays (date, jurisdiction, name, source) VALUES (@date, @jurisdiction, @name, 'import')", row, transaction);
                added++;
            }
            else if (existing != holiday.Name)
            {
                await connection.ExecuteAsync(
                    "UPDATE bank_holidays SET name = @name, source = 'import' WHERE date = @date AND jurisdiction = @jurisdiction", row, transaction);
                renamed++;
            }
            else
            {
                unchanged++;
            }

            await connection.ExecuteAsync(
                "DELETE FROM bank_holiday_removals WHERE date = @date AND jurisdiction = @jurisdiction", row, transaction);
        }

        var removed = replaceYear is { } year ? await RemoveOthersAsync(connection, transaction, year, replacing, now) : 0;
        await transaction.CommitAsync(cancellationToken);
        return new Result(added, renamed, unchanged, removed, []);
    }

    /// <summary>Deletes the year's holidays in these jurisdictions that the file does not list, and remembers them as removed.</summary>
    private static async Task<int> RemoveOthersAsync(
        DbConnection connection, DbTransaction transaction, int year, IReadOnlyList<BankHoliday> keep, string now)
    {
        var jurisdictions = keep.Select(h => h.Jurisdiction).Distinct().ToList();
        var kept = keep.Select(h => new Key(h.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), h.Jurisdiction)).ToHashSet();
        var existing = await connection.QueryAsync<Key>($"""
            SELECT date AS Date, jurisdiction AS Jurisdiction FROM bank_holidays
            WHERE substr(date, 1, 4) = @year AND jurisdiction {connection.In("jurisdictions")}
            """, new { year = year.ToString("D4", CultureInfo.InvariantCulture), jurisdictions }, transaction);
        var removed = 0;
        foreach (var key in existing.Where(e => !kept.Contains(e)))
        {
            var row = new { date = key.Date, jurisdiction = key.Jurisdiction, now };
            removed += await connection.ExecuteAsync("DELETE FROM bank_holidays WHERE date = @date AND jurisdiction = @jurisdiction", row, transaction);
            await connection.ExecuteAsync("""
                INSERT INTO bank_holiday_removals (date, jurisdiction, removed_at) VALUES (@date, @jurisdiction, @now)
                ON CONFLICT (date, jurisdiction) DO UPDATE SET removed_at = excluded.removed_at
                """, row, transaction);
        }

        return removed;
    }

    /// <summary>Loads the seeds' holidays by upsert inside the caller's transaction: names follow the file, nothing is removed.</summary>
    /// <param name="holidays">Rows with date, jurisdiction and name, as read from seeds/bank-holidays.csv.</param>
    public static Task SeedAsync(DbConnection connection, DbTransaction transaction, IEnumerable<IReadOnlyDictionary<string, object>> holidays) =>
        connection.ExecuteAsync("""
            INSERT INTO bank_holidays (date, jurisdiction, name, source) VALUES (@date, @jurisdiction, @name, 'seed')
            ON CONFLICT (date, jurisdiction) DO UPDATE SET name = excluded.name
            """, holidays, transaction);
}
