using System.Text.RegularExpressions;

namespace StpCollector.Contacts;

internal static partial class EmailAddress
{
    /// <summary>A deliberately plain check: one @, a dotted domain, no spaces or angle brackets.</summary>
    public static bool IsValid(string value) => value.Length <= 254 && Shape().IsMatch(value);

    public static string Normalise(string value) => value.Trim().ToLowerInvariant();

    public static string DomainOf(string address) => address[(address.LastIndexOf('@') + 1)..].ToLowerInvariant();

    [GeneratedRegex(@"^[^@\s<>(),;:""\[\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")]
    private static partial Regex Shape();
}
