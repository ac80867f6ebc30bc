using System.Globalization;
using StpCollector.Shared;

namespace StpCollector.Rounds;

/// <summary>Section "Rounds": how rounds are checked when created and when reminders go.</summary>
internal sealed class RoundsOptions
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

    /// <summary>Every problem in the section, each naming its key.</summary>
    internal sealed class Validator : OptionsValidator<RoundsOptions>
    {
        protected override IEnumerable<string> Problems(RoundsOptions options)
        {
            if (options.OpensGraceMinutes is < 0 or > 10_080)
                yield return $"{Section}:{nameof(OpensGraceMinutes)} must be between 0 and 10080 minutes (it is {options.OpensGraceMinutes}).";
            if (!TimeOnly.TryParseExact(options.ReminderTime, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                yield return $"{Section}:{nameof(ReminderTime)} '{options.ReminderTime}' is not a time of day; write it as HH:mm, e.g. 09:00.";
            if (ReminderSlots.TryParse(options.DefaultReminders, out _) is { } problem)
                yield return $"{Section}:{nameof(DefaultReminders)} '{options.DefaultReminders}': {problem}";
        }
    }
}
