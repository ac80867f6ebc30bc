namespace StpCollector.Ingestion;

/// <summary>
/// The lines around the answer form a feature puts in the mail it sends; <see cref="ReplyBodyReader"/> takes the
/// "Qn: answer" lines between them as the answers (and copes without them).
/// </summary>
internal static class ReplyFormMarkers
{
    public const string StartMarker = "----- START OF REPLY FORM";
    public const string EndMarker = "----- END OF REPLY FORM -----";
}
