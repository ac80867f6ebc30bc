namespace StpCollector.Calendar;

/// <summary>The three bank holiday lists of the UK, named as in seeds/bank-holidays.csv and the bank_holidays table.</summary>
internal static class Jurisdictions
{
    public const string EnglandAndWales = "england-and-wales";
    public const string Scotland = "scotland";
    public const string NorthernIreland = "northern-ireland";

    public static IReadOnlyList<string> All { get; } = [EnglandAndWales, Scotland, NorthernIreland];

    /// <summary>The canonical name for a jurisdiction typed in any case, or null when it is not one of <see cref="All"/>.</summary>
    public static string? Normalise(string value)
    {
        var trimmed = value.Trim();
        return All.FirstOrDefault(j => string.Equals(j, trimmed, StringComparison.OrdinalIgnoreCase));
    }
}
