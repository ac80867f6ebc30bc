using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using StpCollector.Files;
using StpCollector.Calendar;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Reference;

/// <summary>
/// Loads footprints, councils, their many-to-many links and bank holidays from seeds/ by upsert, so loading
/// twice changes nothing. Skipped at start when the files have not changed since the last load.
/// </summary>
internal sealed class SeedLoader(Database database, AppPaths paths, ILogger<SeedLoader> logger)
{
    public sealed record Counts(int Footprints, int Councils, int Links, int BankHolidays);

    private const string SeedsHashKey = "seeds_hash";
    private const string SeedsStampKey = "seeds_stamp";

    private static readonly string[] Files = ["footprints.csv", "councils.csv", "council_footprints.csv", "bank-holidays.csv"];

    public async Task<Counts?> LoadIfChangedAsync(CancellationToken cancellationToken = default)
    {
        // Every verb starts here: when the files' sizes and times are those last seen, they are not read and hashed again.
        var stamp = StampSeeds();
        await using var connection = await database.OpenAsync(cancellationToken);
        var meta = await AppMeta.GetManyAsync(connection, [SeedsHashKey, SeedsStampKey], cancellationToken);
        var loaded = meta.GetValueOrDefault(SeedsHashKey);
        if (loaded is not null && meta.GetValueOrDefault(SeedsStampKey) == stamp)
            return null;
        if (loaded != HashSeeds())
            return await LoadAsync(cancellationToken);
        try
        {
            await AppMeta.SetAsync(connection, SeedsStampKey, stamp);
        }
        catch (DbException)
        {
            // Only a shortcut for the next start (e.g. on a full disk, where read-only verbs still work): it hashes again.
        }

        return null;
    }

    public async Task<Counts> LoadAsync(CancellationToken cancellationToken = default)
    {
        // Taken before the files are read: a file changed while loading leaves a stamp that no longer matches.
        var stamp = StampSeeds();
        var footprints = Read("footprints.csv", "id", "ons_code", "name", "region");
        var councils = Read("councils.csv", "code", "name", "type", "region");
        var links = Read("council_footprints.csv", "council_code", "footprint_id");
        var holidays = Read("bank-holidays.csv", "date", "jurisdiction", "name");

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync("""
            INSERT INTO footprints (id, ons_code, name, region) VALUES (@id, NULLIF(@ons_code, ''), @name, @region)
            ON CONFLICT (id) DO UPDATE SET ons_code = excluded.ons_code, name = excluded.name, region = excluded.region
            """, footprints, transaction);
        await connection.ExecuteAsync("""
            INSERT INTO councils (code, name, type, region) VALUES (@code, @name, @type, @region)
            ON CONFLICT (code) DO UPDATE SET name = excluded.name, type = excluded.type, region = excluded.region
            """, councils, transaction);
        await connection.ExecuteAsync("""
            INSERT INTO council_footprints (council_code, footprint_id) VALUES (@council_code, @footprint_id)
            ON CONFLICT DO NOTHING
            """, links, transaction);
        await HolidayImporter.SeedAsync(connection, transaction, holidays);
        await AppMeta.SetAsync(connection, SeedsHashKey, HashSeeds(), transaction);
        await AppMeta.SetAsync(connection, SeedsStampKey, stamp, transaction);
        await transaction.CommitAsync(cancellationToken);

        var counts = new Counts(footprints.Count, councils.Count, links.Count, holidays.Count);
        logger.LogInformation("Loaded reference data from {SeedsDir}: {Footprints} footprints, {Councils} councils, {Links} council-footprint links, {Holidays} bank holidays",
            paths.SeedsDir, counts.Footprints, counts.Councils, counts.Links, counts.BankHolidays);
        return counts;
    }

    private List<Dictionary<string, object>> Read(string file, params string[] columns)
    {
        var path = Path.Combine(paths.SeedsDir, file);
        if (!File.Exists(path))
            throw new UnavailableProblem($"Reference data file {path} is missing. Set Paths:Seeds to the folder holding {string.Join(", ", Files)}.", field: "Paths:Seeds");
        var table = CsvTable.Read(path);
        var indexes = columns.Select(c => (Name: c, Index: table.ColumnOf(c))).ToList();
        var missing = indexes.Where(c => c.Index < 0).Select(c => c.Name).ToList();
        if (missing.Count > 0)
            throw new UnavailableProblem($"{path}: missing column(s) {string.Join(", ", missing)} in the header line.");
        return table.Rows
            .Select(row => indexes.ToDictionary(c => c.Name, c => (object)row.Get(c.Index)))
            .ToList();
    }

    /// <summary>Each file's size and last write time: cheap to read, and changed by any copy or edit of the file.</summary>
    private string StampSeeds() =>
        string.Join(';', Files.Select(file => new FileInfo(Path.Combine(paths.SeedsDir, file)))
            .Select(info => info.Exists ? $"{info.Name}:{info.Length}:{info.LastWriteTimeUtc.Ticks}" : $"{info.Name}:-"));

    private string HashSeeds()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Files)
        {
            var path = Path.Combine(paths.SeedsDir, file);
            if (File.Exists(path))
                hash.AppendData(File.ReadAllBytes(path));
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
