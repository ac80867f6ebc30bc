using System.Globalization;
using StpCollector.Hosting;

namespace StpCollector.Rounds;

/// <summary>Section "Rounds": how rounds are checked when created and when reminders go.</summary>
public sealed class RoundsOptions : IValidatedOptions
{
    public const string Section = "Rounds";

    /// <summary>How far in the past --opens may be (a round created a few minutes late still opens at once).</summary>
    public int OpensGraceMinutes { get; set; } = 15;

    /// <summary>London wall-clock time at which a reminder goes on its day.</summary>
    public string ReminderTime { get; set; } = "09:00";

    /// <summary>Reminder slots (working days before the close) when round create is given no --reminders.</summary>
    public string DefaultReminders { get; set; } = "5,2";

    /// <summary>Whether reminders also go to councils whose return lacks required answers (naming what is missing).</summary>
    public bool RemindPartial { get; set; } = true;

    public TimeOnly ReminderTimeOfDay => TimeOnly.ParseExact(ReminderTime, "HH:mm", CultureInfo.InvariantCulture);

    public IEnumerable<string> Validate(string section)
    {
        if (OpensGraceMinutes is < 0 or > 10_080)
            yield return $"{section}:{nameof(OpensGraceMinutes)} must be between 0 and 10080 minutes (it is {OpensGraceMinutes}).";
        if (!TimeOnly.TryParseExact(ReminderTime, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            yield return $"{section}:{nameof(ReminderTime)} '{ReminderTime}' is not a time of day; write it as HH:mm, e.g. 09:00.";
        if (ReminderSlots.TryParse(DefaultReminders, out _) is { } problem)
            yield return $"{section}:{nameof(DefaultReminders)} '{DefaultReminders}': {problem}";
    }
}
