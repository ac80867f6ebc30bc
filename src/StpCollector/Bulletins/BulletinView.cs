namespace StpCollector.Bulletins;

/// <summary>What the bulletin templates (config/templates/bulletin.html.liquid and bulletin.text.liquid) see, in snake_case.</summary>
public sealed record BulletinView(
    BulletinHeader Bulletin,
    EditorialText Intro,
    EditorialText QuickLinks,
    IReadOnlyList<FaqItem> Faq,
    IReadOnlyList<ChartView> Charts,
    ReturnsSince ReturnsSince,
    IReadOnlyList<OpenRound> OpenRounds,
    UnsubscribeLinks Unsubscribe);

public sealed record BulletinHeader(string Title, string Subject, string Date, string Month, string RoundReference, string RoundTitle,
    int ResponseRate, int Responded, int Invited);

public sealed record ChartView(string QuestionId, string Question, string Src, string Alt, int N, int LondonN, int ElsewhereN, IReadOnlyList<ChartRow> Rows);

public sealed record ReturnsSince(string Since, int Count, IReadOnlyList<RoundReturns> Rounds);

public sealed record RoundReturns(string Reference, string Title, int Count, string Councils);

public sealed record OpenRound(string Reference, string Title, string Closes, int Responded, int Invited);

/// <summary>
/// Rendered once per bulletin with placeholders that each subscriber's message fills in, so every reader gets their own
/// signed unsubscribe address without rendering the whole bulletin again.
/// </summary>
public sealed record UnsubscribeLinks(string Mailto, string Url, bool HasUrl)
{
    public const string MailtoPlaceholder = "%%UNSUBSCRIBE_MAILTO%%";
    public const string UrlPlaceholder = "%%UNSUBSCRIBE_URL%%";
}

/// <summary>A built bulletin: subject, HTML (images as cid: links, unsubscribe placeholders), text and charts.</summary>
public sealed record BulletinDraft(string Subject, string Html, string Text, IReadOnlyList<BulletinChart> Charts, long RoundId,
    DateTimeOffset CoversFrom, DateTimeOffset CoversUntil, int NewReturns, int RoundsOpened)
{
    public bool NothingNew => NewReturns == 0 && RoundsOpened == 0;

    public const string ContentIdDomain = "stpcollector";

    public static string ContentId(string fileName) => $"{fileName}@{ContentIdDomain}";
}
