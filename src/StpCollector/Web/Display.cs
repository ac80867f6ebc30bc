using StpCollector.Calendar;

namespace StpCollector.Web;

/// <summary>How the console writes times and counts: London time, as staff read them everywhere else.</summary>
internal static class Display
{
    public static string When(DateTimeOffset at) => LondonTime.Short(at);

    public static string Plural(long count, string one, string many) => count == 1 ? $"1 {one}" : $"{count:N0} {many}";
}
