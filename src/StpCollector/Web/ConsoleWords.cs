using System.Text.RegularExpressions;

namespace StpCollector.Web;

/// <summary>
/// The features' messages point command-line users at a listing verb ("See: stpcollector councils list"); in the
/// console the same list is a page, so the hint names the page instead.
/// </summary>
internal static partial class ConsoleWords
{
    public static string FromCommandLine(string message) => ListingHint().Replace(message, match =>
    {
        var words = match.Groups["list"].Value switch
        {
            "councils" => "the Councils page lists them",
            "footprints" => "the new-round form lists the footprints",
            "foi" => "the FoI requests page lists them",
            _ => "the Outbox page lists them",
        };
        // A hint that began a sentence ("See: ...") still does.
        return match.Value[0] == 'S' ? char.ToUpperInvariant(words[0]) + words[1..] : words;
    });

    // "See: stpcollector councils list", "See the codes with: stpcollector councils list", "(see: stpcollector councils list)".
    [GeneratedRegex(@"[Ss]ee(?: the [A-Za-z ]+ with)?: stpcollector (?<list>councils|footprints|foi|outbox) list")]
    private static partial Regex ListingHint();
}
