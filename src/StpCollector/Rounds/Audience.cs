using Dapper;
using Microsoft.Data.Sqlite;
using StpCollector.Cli;

namespace StpCollector.Rounds;

public sealed record CouncilRef(string Code, string Name);

/// <summary>Who a round goes to: all | region:NAME | footprint:ID | councils:CODE,CODE. Stored as typed, resolved once at creation.</summary>
public sealed record Audience(string Kind, string? Value, IReadOnlyList<string> Codes)
{
    public const string Usage = "Use all, region:NAME (e.g. region:London), footprint:ID (see: stpcollector footprints list) or councils:CODE,CODE.";

    public static Audience Parse(string? text)
    {
        var value = text?.Trim() ?? "";
        if (value.Length == 0 || value.Equals("all", StringComparison.OrdinalIgnoreCase))
            return new Audience("all", null, []);
        var colon = value.IndexOf(':');
        var kind = colon < 0 ? value.ToLowerInvariant() : value[..colon].Trim().ToLowerInvariant();
        var argument = colon < 0 ? "" : value[(colon + 1)..].Trim();
        if (kind is "region" or "footprint" && argument.Length > 0)
            return new Audience(kind, argument, []);
        if (kind is "councils" or "council")
        {
            var codes = argument.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(c => c.ToUpperInvariant()).Distinct().ToList();
            if (codes.Count > 0)
                return new Audience("councils", null, codes);
        }

        throw new UserFacingException($"--audience '{text}' is not understood. {Usage}", ExitCodes.Usage);
    }

    public override string ToString() => Kind switch
    {
        "all" => "all",
        "councils" => "councils:" + string.Join(',', Codes),
        _ => $"{Kind}:{Value}",
    };

    /// <summary>The councils in the audience, by name; an unknown region, footprint or council code is refused, naming it.</summary>
    public async Task<IReadOnlyList<CouncilRef>> ResolveAsync(SqliteConnection connection)
    {
        switch (Kind)
        {
            case "region":
                var regions = (await connection.QueryAsync<string>("SELECT DISTINCT region FROM councils ORDER BY 1")).ToList();
                if (!regions.Contains(Value!, StringComparer.OrdinalIgnoreCase))
                    throw new UserFacingException($"--audience: there is no region '{Value}'. Regions: {string.Join(", ", regions)}.", ExitCodes.Usage);
                return await QueryAsync(connection, "WHERE region = @Value COLLATE NOCASE", new { Value });
            case "footprint":
                if (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM footprints WHERE id = @Value COLLATE NOCASE", new { Value }) == 0)
                    throw new UserFacingException($"--audience: there is no footprint '{Value}'. See the ids with: stpcollector footprints list", ExitCodes.Usage);
                return await QueryAsync(connection,
                    "WHERE code IN (SELECT council_code FROM council_footprints WHERE footprint_id = @Value COLLATE NOCASE)", new { Value });
            case "councils":
                var found = await QueryAsync(connection, "WHERE code IN @Codes", new { Codes });
                var unknown = Codes.Except(found.Select(c => c.Code), StringComparer.OrdinalIgnoreCase).ToList();
                if (unknown.Count > 0)
                    throw new UserFacingException($"--audience: unknown council code(s) {string.Join(", ", unknown)}. See the codes with: stpcollector councils list", ExitCodes.Usage);
                return found;
            default:
                return await QueryAsync(connection, "", null);
        }
    }

    private static async Task<IReadOnlyList<CouncilRef>> QueryAsync(SqliteConnection connection, string where, object? parameters) =>
        (await connection.QueryAsync<CouncilRef>($"SELECT code AS Code, name AS Name FROM councils {where} ORDER BY name", parameters)).ToList();
}
