namespace StpCollector.Bulletins;

/// <summary>
/// A council described without naming it, from its type and region in the councils reference table ("a London borough",
/// "a county council in the North West"), so a point raised can be quoted without saying who raised it.
/// </summary>
internal static class CouncilWords
{
    public const string Unknown = "a network member";

    public static string Describe(string? type, string? region) => (type, region) switch
    {
        (null, _) or (_, null) => Unknown,
        ("london_borough", _) => "a London borough",
        ("county", _) => $"a county council in {Region(region)}",
        ("metropolitan_district", _) => $"a metropolitan borough in {Region(region)}",
        ("unitary", _) => $"a unitary council in {Region(region)}",
        _ => $"a council in {Region(region)}",
    };

    /// <summary>"the North West", "London", "Yorkshire and the Humber": the region as a sentence names it.</summary>
    public static string Region(string region) => region switch
    {
        "London" => "London",
        _ when region.StartsWith("Yorkshire", StringComparison.Ordinal) => region.Replace("The Humber", "the Humber", StringComparison.Ordinal),
        _ => "the " + region,
    };

    public static string Capitalised(string words) => words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
}
