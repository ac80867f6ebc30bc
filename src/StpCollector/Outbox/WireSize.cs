namespace StpCollector.Outbox;

/// <summary>
/// How many bytes a stored message takes in SMTP DATA before dot-stuffing: what the server is told in MAIL FROM's SIZE.
/// MimeKit stores it with the platform's line ends and the wire wants CRLF, so each bare LF counts one byte more, and
/// a message not ending in a line end gets one.
/// </summary>
internal static class WireSize
{
    /// <summary>The longest line SMTP allows (RFC 5321), which the SMTP client also prepares messages for.</summary>
    public const int MaxLineLength = 998;

    public static long Of(ReadOnlySpan<byte> mime)
    {
        var bareLineFeeds = mime.Count((byte)'\n') - mime.Count("\r\n"u8);
        var endsWithNewLine = mime.Length > 0 && mime[^1] == (byte)'\n';
        return mime.Length + bareLineFeeds + (endsWithNewLine ? 0 : 2);
    }
}
