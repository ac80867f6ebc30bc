using StpCollector.Reference;

namespace StpCollector.Web;

/// <summary>
/// Who a round or an FoI batch is for, as the console's audience picker asks it (all councils, a region, a footprint, or
/// councils ticked one by one; it works without JavaScript) and the lists it offers. <see cref="ToAudience"/> turns the
/// answers into the same text the verbs take: "all", "region:NAME", "footprint:ID" or "councils:CODE,CODE".
/// The form fields keep these names (AudienceKind, RegionName, FootprintId, Councils) on every form that uses it.
/// </summary>
/// <param name="Purpose">How the form's messages end, e.g. "the round is for" or "the requests are for".</param>
/// <param name="Legend">The picker's question, e.g. "Which councils is the round for?".</param>
/// <param name="Hint">Who among each council's contacts receives it.</param>
internal sealed record AudienceChoice(
    string Kind, string RegionName, string FootprintId, IReadOnlyList<string> Councils, AudienceLists Lists,
    string Purpose, string Legend, string Hint)
{
    internal const string All = "all", Region = "region", Footprint = "footprint", ChosenCouncils = "councils";

    /// <summary>The ticked council codes, tidied (upper case, no blanks or repeats).</summary>
    internal IReadOnlyList<string> ChosenCodes { get; } = Tidy(Councils);

    /// <summary>The audience text as the verbs take it, or null with the field to mark and what to say there.</summary>
    internal (string? Audience, string Field, string Error) ToAudience()
    {
        var audience = Kind switch
        {
            All => "all",
            Region when RegionName.Trim().Length > 0 => $"region:{RegionName.Trim()}",
            Footprint when FootprintId.Trim().Length > 0 => $"footprint:{FootprintId.Trim()}",
            ChosenCouncils when ChosenCodes.Count > 0 => $"councils:{string.Join(',', ChosenCodes)}",
            _ => null,
        };
        if (audience is not null)
            return (audience, "", "");
        var (field, message) = Kind switch
        {
            Region => (nameof(RegionName), $"Choose the region whose councils {Purpose}"),
            Footprint => (nameof(FootprintId), $"Choose the footprint whose councils {Purpose}"),
            ChosenCouncils => (nameof(Councils), "Choose at least one council"),
            _ => ("AudienceKind", $"Choose who {Purpose}: all councils, a region, a footprint or chosen councils"),
        };
        return (null, field, message);
    }

    /// <summary>The field beside which a problem with the audience (from the verbs' checks) is shown.</summary>
    internal string ProblemField => Kind switch
    {
        ChosenCouncils => nameof(Councils),
        Region => nameof(RegionName),
        Footprint => nameof(FootprintId),
        _ => "AudienceKind",
    };

    /// <summary>The choice in words, for a check page.</summary>
    internal string Describe() => Kind switch
    {
        Region => $"the councils of region {RegionName}",
        Footprint => $"the councils of footprint {FootprintId}",
        ChosenCouncils => "councils chosen one by one",
        _ => "all councils",
    };

    internal static IReadOnlyList<string> Tidy(IEnumerable<string> councils) =>
        councils.Select(c => c.Trim().ToUpperInvariant()).Where(c => c.Length > 0).Distinct().ToList();
}

/// <summary>What the audience picker offers: every council, the regions they are in, and the footprints.</summary>
internal sealed record AudienceLists(IReadOnlyList<Council> AllCouncils, IReadOnlyList<string> Regions, IReadOnlyList<CouncilDirectory.Footprint> Footprints)
{
    internal static readonly AudienceLists None = new([], [], []);

    internal static async Task<AudienceLists> LoadAsync(CouncilDirectory directory, CancellationToken cancellationToken)
    {
        var councils = await directory.ListAsync(cancellationToken: cancellationToken);
        var regions = councils.Select(c => c.Region).Where(r => r.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        return new(councils, regions, await directory.ListFootprintsAsync(cancellationToken));
    }
}
