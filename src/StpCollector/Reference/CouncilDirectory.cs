using System.Data.Common;
using Dapper;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Reference;

/// <summary>The councils StpCollector knows. The one council lookup: other features find a council through it.</summary>
internal sealed class CouncilDirectory(Database database)
{
    private const string SelectCouncils = """
        SELECT c.code AS Code, c.name AS Name, c.type AS Type, c.region AS Region,
               COALESCE((SELECT group_concat(cf.footprint_id, ',' ORDER BY cf.footprint_id) FROM council_footprints cf WHERE cf.council_code = c.code), '') AS Footprints
        FROM councils c
        """;

    public async Task<IReadOnlyList<Council>> ListAsync(string? region = null, string? footprint = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (footprint is not null && await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM footprints WHERE id = @footprint", new { footprint }) == 0)
            throw new NotFoundProblem($"There is no footprint '{footprint}'. See the ids with: stpcollector footprints list", field: "footprint");
        if (region is not null && await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM councils WHERE region = @region COLLATE NOCASE", new { region }) == 0)
        {
            var regions = await connection.QueryAsync<string>("SELECT DISTINCT region FROM councils ORDER BY 1");
            throw new NotFoundProblem($"There is no region '{region}'. Regions: {string.Join(", ", regions)}.", field: "region");
        }

        var councils = await connection.QueryAsync<Council>($"""
            {SelectCouncils}
            WHERE (@region IS NULL OR c.region = @region COLLATE NOCASE)
              AND (@footprint IS NULL OR EXISTS (SELECT 1 FROM council_footprints f WHERE f.council_code = c.code AND f.footprint_id = @footprint))
            ORDER BY c.name
            """, new { region, footprint });
        return councils.ToList();
    }

    public async Task<Council?> FindAsync(string code, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ByCodeAsync(connection, code);
    }

    /// <summary>A council by its ONS code (any case), inside the caller's connection and transaction; null when unknown.</summary>
    public static Task<Council?> ByCodeAsync(DbConnection connection, string code, DbTransaction? transaction = null) =>
        connection.QuerySingleOrDefaultAsync<Council>($"{SelectCouncils} WHERE c.code = @code COLLATE NOCASE", new { code }, transaction);

    /// <summary>A council by ONS code or by name (any case), the code winning; null when unknown.</summary>
    public static Task<Council?> ByCodeOrNameAsync(DbConnection connection, string key, DbTransaction? transaction = null) =>
        connection.QueryFirstOrDefaultAsync<Council>(
            $"{SelectCouncils} WHERE c.code = @key COLLATE NOCASE OR c.name = @key COLLATE NOCASE ORDER BY c.code = @key COLLATE NOCASE DESC",
            new { key = key.Trim() }, transaction);

    public sealed record Footprint(string Id, string? OnsCode, string Name, string Region, long Councils);

    public async Task<IReadOnlyList<Footprint>> ListFootprintsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Footprint>("""
            SELECT f.id AS Id, f.ons_code AS OnsCode, f.name AS Name, f.region AS Region,
                   (SELECT count(*) FROM council_footprints cf WHERE cf.footprint_id = f.id) AS Councils
            FROM footprints f ORDER BY f.region, f.name
            """);
        return rows.ToList();
    }
}
