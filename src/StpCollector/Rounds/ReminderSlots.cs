using System.Globalization;

namespace StpCollector.Rounds;

/// <summary>A round's reminder schedule as written by staff: working days before the close, e.g. "5,2"; "none" or empty for none.</summary>
internal static class ReminderSlots
{
    public const int MaxDays = 60;

    /// <summary>Null when the text is valid (slots then hold the distinct days, largest first), else what is wrong.</summary>
    public static string? TryParse(string? text, out IReadOnlyList<int> slots)
    {
        slots = [];
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0 || trimmed.Equals("none", StringComparison.OrdinalIgnoreCase))
            return null;
        var days = new List<int>();
        foreach (var part in trimmed.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var day) || day is < 1 or > MaxDays)
                return $"'{part}' is not a number of working days from 1 to {MaxDays}. Write the days before the close, e.g. 5,2 (or 'none').";
            days.Add(day);
        }

        slots = days.Distinct().OrderDescending().ToList();
        return null;
    }

    public static IReadOnlyList<int> Parse(string? stored) => TryParse(stored, out var slots) is null ? slots : [];

    public static string Format(IEnumerable<int> slots) => string.Join(',', slots.Select(s => s.ToString(CultureInfo.InvariantCulture)));
}
