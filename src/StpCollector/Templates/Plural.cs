using System.Globalization;

namespace StpCollector.Templates;

/// <summary>"1 council", "3 councils": a count with its noun, the way people write it (and the Liquid filter plural).</summary>
internal static class Plural
{
    public static string Of(long count, string one, string many) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? one : many);
}
