using Quartz;
using StpCollector.Hosting;

namespace StpCollector.Bulletins;

/// <summary>Section "Bulletins": when the network bulletin goes out, what it quotes and how subscribers are looked after.</summary>
public sealed class BulletinOptions : IValidatedOptions
{
    public const string Section = "Bulletins";

    public bool Enabled { get; set; } = true;

    /// <summary>Quartz cron (seconds first) in <see cref="TimeZone"/>; the default is the first Monday of the month at 09:00.</summary>
    public string Schedule { get; set; } = "0 0 9 ? * MON#1";
    public string TimeZone { get; set; } = "Europe/London";

    /// <summary>A period missed while the worker was down is still sent if the worker starts within this many hours.</summary>
    public int GraceHours { get; set; } = 48;
    public bool SkipWhenNothingNew { get; set; } = true;
    public bool RequireApproval { get; set; }

    /// <summary>With approval on, the draft for the next period is built this many hours ahead.</summary>
    public int DraftLeadHours { get; set; } = 72;

    /// <summary>The questionnaire whose latest round with returns supplies the figures.</summary>
    public string Questionnaire { get; set; } = "stp-local-government-involvement";

    /// <summary>Questions drawn as bar charts (London against the rest of England).</summary>
    public List<string> ChartQuestions { get; set; } = [];

    /// <summary>Liquid, with the same figures as the editorial.</summary>
    public string Subject { get; set; } = "LGA STP network bulletin, {{ bulletin.month }}";

    /// <summary>When set (https://...), each message also carries a one-click unsubscribe link BASE/TOKEN (RFC 8058).</summary>
    public string UnsubscribeBaseUrl { get; set; } = "";
    public int SuspendAfterHardBounces { get; set; } = 3;

    /// <summary>How far back the first bulletin looks for new returns (later ones start where the last one ended).</summary>
    public int FirstLookbackDays { get; set; } = 31;

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public IEnumerable<string> Validate(string section)
    {
        if (!CronExpression.TryParse(Schedule, out _))
            yield return $"{section}:{nameof(Schedule)} '{Schedule}' is not a Quartz cron expression (e.g. \"0 0 9 ? * MON#1\" for the first Monday of the month at 09:00).";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
            yield return $"{section}:{nameof(TimeZone)} '{TimeZone}' is not a known time zone (e.g. Europe/London).";
        if (GraceHours is < 0 or > 24 * 31)
            yield return $"{section}:{nameof(GraceHours)} must be between 0 and 744 (it is {GraceHours}).";
        if (DraftLeadHours is < 1 or > 24 * 31)
            yield return $"{section}:{nameof(DraftLeadHours)} must be between 1 and 744 (it is {DraftLeadHours}).";
        if (SuspendAfterHardBounces is < 1 or > 100)
            yield return $"{section}:{nameof(SuspendAfterHardBounces)} must be between 1 and 100 (it is {SuspendAfterHardBounces}).";
        if (FirstLookbackDays is < 1 or > 366)
            yield return $"{section}:{nameof(FirstLookbackDays)} must be between 1 and 366 (it is {FirstLookbackDays}).";
        if (UnsubscribeBaseUrl.Length > 0 && !UnsubscribeBaseUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            yield return $"{section}:{nameof(UnsubscribeBaseUrl)} must start with https:// (RFC 8058 one-click unsubscribe), or be empty.";
        if (string.IsNullOrWhiteSpace(Subject))
            yield return $"{section}:{nameof(Subject)} is empty; give the bulletin a subject line.";
        if (string.IsNullOrWhiteSpace(Questionnaire))
            yield return $"{section}:{nameof(Questionnaire)} is empty; name the questionnaire whose figures the bulletin quotes.";
    }
}
