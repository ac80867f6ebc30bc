namespace StpCollector.Bulletins;

/// <summary>What the bulletin templates (config/templates/bulletin.html.liquid and bulletin.text.liquid) see, in snake_case.</summary>
internal sealed record BulletinView(
    BulletinHeader Bulletin,
    EditorialText Intro,
    EditorialText QuickLinks,
    IReadOnlyList<FaqItem> Faq,
    IReadOnlyList<ChartView> Charts,
    ReturnsSince ReturnsSince,
    IReadOnlyList<OpenRound> OpenRounds,
    UnsubscribeLinks Unsubscribe);

/// <summary>The bulletin's own facts; FeedbackAddress is Bulletins:FeedbackAddress, "" when none is set.</summary>
internal sealed record BulletinHeader(string Title, string Subject, string Date, string Month, string RoundReference, string RoundTitle,
    int ResponseRate, int Responded, int Invited, string FeedbackAddress);

internal sealed record ChartView(string QuestionId, string Question, string Src, string Alt, int N, int LondonN, int ElsewhereN, IReadOnlyList<ChartRow> Rows);

internal sealed record ReturnsSince(string Since, int Count, IReadOnlyList<RoundReturns> Rounds);

internal sealed record RoundReturns(string Reference, string Title, int Count, string Councils);

internal sealed record OpenRound(string Reference, string Title, string Closes, int Responded, int Invited);

/// <summary>
/// Rendered once per bulletin with placeholders that each subscriber's message fills in, so every reader gets their own
/// signed unsubscribe address without rendering the whole bulletin again. Mailto and Url are for links (href); Address is
/// the address as words. A copy that belongs to no one subscriber (the archive, preview, bulletin show) says where each
/// reader finds theirs instead of naming an address: any real one would be somebody's, or one that unsubscribes nobody.
/// </summary>
internal sealed record UnsubscribeLinks(string Mailto, string Address, string Url, bool HasUrl)
{
    public const string MailtoPlaceholder = "%%UNSUBSCRIBE_MAILTO%%";
    public const string AddressPlaceholder = "%%UNSUBSCRIBE_ADDRESS%%";
    public const string UrlPlaceholder = "%%UNSUBSCRIBE_URL%%";

    public const string AnyReaderAddress = "the unsubscribe address in your own copy (each subscriber has their own)";
    public const string AnyReaderUrl = "the unsubscribe link in your own copy";

    public static UnsubscribeLinks Placeholders(bool hasUrl) => new(MailtoPlaceholder, AddressPlaceholder, hasUrl ? UrlPlaceholder : "", hasUrl);

    /// <summary>One subscriber's copy: their signed address and, when configured, their one-click link.</summary>
    public static string ForSubscriber(string content, string address, string? url) => content
        .Replace(MailtoPlaceholder, $"mailto:{address}?subject=unsubscribe")
        .Replace(AddressPlaceholder, address)
        .Replace(UrlPlaceholder, url ?? "");

    /// <summary>The plain-text part for any reader: the words say where each subscriber's own address is.</summary>
    public static string ForAnyReaderText(string text) => text
        .Replace(MailtoPlaceholder, AnyReaderAddress)
        .Replace(AddressPlaceholder, AnyReaderAddress)
        .Replace(UrlPlaceholder, AnyReaderUrl);

    /// <summary>The HTML for any reader: the mail link opens a message with the subject "unsubscribe" and no address.</summary>
    public static string ForAnyReaderHtml(string html) => html
        .Replace(MailtoPlaceholder, "mailto:?subject=unsubscribe")
        .Replace(AddressPlaceholder, AnyReaderAddress)
        .Replace(UrlPlaceholder, "#unsubscribe");
}

/// <summary>A built bulletin: subject, HTML (images as cid: links, unsubscribe placeholders), text and charts.</summary>
internal sealed record BulletinDraft(string Subject, string Html, string Text, IReadOnlyList<BulletinChart> Charts, long RoundId,
    DateTimeOffset CoversFrom, DateTimeOffset CoversUntil, int NewReturns, int RoundsOpened)
{
    public bool NothingNew => NewReturns == 0 && RoundsOpened == 0;

    public const string ContentIdDomain = "stpcollector";

    public static string ContentId(string fileName) => $"{fileName}@{ContentIdDomain}";
}
