using System.Data.Common;
using Dapper;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Reference;

/// <summary>
/// Who a round or an FoI batch is for: "all", "region:London", "footprint:ID" or "councils:CODE,CODE".
/// Resolving it names every council code it covers; anything unknown is refused with what is known.
/// </summary>
internal sealed class Audience(Database database)
{
    public async Task<IReadOnlyList<string>> ResolveAsync(string audience, CancellationToken cancellationToken = default)
    {
        var (kind, value) = Split(audience);
        await using var connection = await database.OpenAsync(cancellationToken);
        IEnumerable<string> codes = kind switch
        {
            "all" => await connection.QueryAsync<string>("SELECT code FROM councils ORDER BY code"),
            "region" => await connection.QueryAsync<string>("SELECT code FROM councils WHERE region = @value COLLATE NOCASE ORDER BY code", new { value }),
            "footprint" => await connection.QueryAsync<string>(
                "SELECT council_code FROM council_footprints WHERE footprint_id = @value COLLATE NOCASE ORDER BY council_code", new { value }),
            "councils" => await KnownCouncilsAsync(connection, value),
            _ => throw Unknown(audience),
        };
        var list = codes.ToList();
        if (list.Count == 0)
        {
            var hint = kind == "region" ? "See the regions with: stpcollector councils list" : "See the ids with: stpcollector footprints list";
            throw new InvalidInputProblem($"The audience '{audience}' names no councils. {hint}", field: "audience");
        }

        return list;
    }

    private static async Task<IEnumerable<string>> KnownCouncilsAsync(DbConnection connection, string value)
    {
        var wanted = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => c.ToUpperInvariant()).Distinct().ToList();
        var known = (await connection.QueryAsync<string>($"SELECT code FROM councils WHERE code {connection.In("wanted")}", new { wanted })).ToHashSet();
        var unknown = wanted.Where(c => !known.Contains(c)).ToList();
        if (unknown.Count > 0)
            throw new NotFoundProblem($"Unknown council code(s): {string.Join(", ", unknown)}. See: stpcollector councils list", field: "audience");
        return wanted.Order(StringComparer.Ordinal);
    }

    private static (string Kind, string Value) Split(string audience)
    {
        var text = audience.Trim();
        if (text.Equals("all", StringComparison.OrdinalIgnoreCase))
            return ("all", "");
        var colon = text.IndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
            throw Unknown(audience);
        return (text[..colon].Trim().ToLowerInvariant(), text[(colon + 1)..].Trim());
    }

    private static InvalidInputProblem Unknown(string audience) => new(
        $"'{audience}' is not an audience. Use all, region:NAME (e.g. region:London), footprint:ID (e.g. footprint:north-central-london) or councils:CODE,CODE.",
        field: "audience");
}
