using Quartz;
using StpCollector.Shared;

namespace StpCollector.Bulletins;

/// <summary>Section "Bulletins": when the network bulletin goes out, what it quotes and how subscribers are looked after.</summary>
internal sealed class BulletinOptions
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

    /// <summary>Feedback older than this loses the person's words and address (personal data); the row and its counts stay.</summary>
    public int FeedbackRetentionMonths { get; set; } = 24;

    /// <summary>
    /// An address for members' feedback that is not a reply (printed in the bulletin's "get in touch" line), delivered to
    /// the same mailbox StpCollector reads; mail to it from a subscriber is feedback. Empty: no such address.
    /// </summary>
    public string FeedbackAddress { get; set; } = "";

    /// <summary>Send a short thank-you (through the outbox) to a subscriber whose feedback was recorded.</summary>
    public bool AcknowledgeFeedback { get; set; }

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>Every problem in the section, each naming its key.</summary>
    internal sealed class Validator : OptionsValidator<BulletinOptions>
    {
        protected override IEnumerable<string> Problems(BulletinOptions options)
        {
            if (!CronExpression.TryParse(options.Schedule, out _))
                yield return $"{Section}:{nameof(Schedule)} '{options.Schedule}' is not a Quartz cron expression (e.g. \"0 0 9 ? * MON#1\" for the first Monday of the month at 09:00).";
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
                yield return $"{Section}:{nameof(TimeZone)} '{options.TimeZone}' is not a known time zone (e.g. Europe/London).";
            if (options.GraceHours is < 0 or > 24 * 31)
                yield return $"{Section}:{nameof(GraceHours)} must be between 0 and 744 (it is {options.GraceHours}).";
            if (options.DraftLeadHours is < 1 or > 24 * 31)
                yield return $"{Section}:{nameof(DraftLeadHours)} must be between 1 and 744 (it is {options.DraftLeadHours}).";
            if (options.SuspendAfterHardBounces is < 1 or > 100)
                yield return $"{Section}:{nameof(SuspendAfterHardBounces)} must be between 1 and 100 (it is {options.SuspendAfterHardBounces}).";
            if (options.FirstLookbackDays is < 1 or > 366)
                yield return $"{Section}:{nameof(FirstLookbackDays)} must be between 1 and 366 (it is {options.FirstLookbackDays}).";
            if (options.FeedbackRetentionMonths is < 1 or > 120)
                yield return $"{Section}:{nameof(FeedbackRetentionMonths)} must be between 1 and 120 (it is {options.FeedbackRetentionMonths}).";
            if (options.UnsubscribeBaseUrl.Length > 0 && !options.UnsubscribeBaseUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                yield return $"{Section}:{nameof(UnsubscribeBaseUrl)} must start with https:// (RFC 8058 one-click unsubscribe), or be empty.";
            if (options.FeedbackAddress.Length > 0 && !Contacts.EmailAddress.IsValid(options.FeedbackAddress))
                yield return $"{Section}:{nameof(FeedbackAddress)} '{options.FeedbackAddress}' is not an email address (e.g. stp-feedback@lga.org.uk), or leave it empty.";
            if (string.IsNullOrWhiteSpace(options.Subject))
                yield return $"{Section}:{nameof(Subject)} is empty; give the bulletin a subject line.";
            if (string.IsNullOrWhiteSpace(options.Questionnaire))
                yield return $"{Section}:{nameof(Questionnaire)} is empty; name the questionnaire whose figures the bulletin quotes.";
        }
    }
}
