using System.Globalization;
using System.Text.RegularExpressions;

namespace StpCollector.Foi;

/// <summary>The short reference carried in subjects, e.g. FOI-17.</summary>
internal static partial class FoiReference
{
    public static string Of(long requestId) => "FOI-" + requestId.ToString(CultureInfo.InvariantCulture);

    /// <summary>outbox.kind of a request and of a chaser.</summary>
    public const string RequestKind = "foi_request", ChaserKind = "foi_chaser";

    /// <summary>outbox.topic of everything sent for a request ("foi:17").</summary>
    public static string TopicOf(long requestId) => new Outbox.Topic("foi", requestId).ToString();

    public static long? Find(string? subject)
    {
        var match = subject is null ? Match.Empty : Pattern().Match(subject);
        return match.Success ? long.Parse(match.Groups["id"].Value, CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"\bFOI-(?<id>\d{1,12})\b", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
