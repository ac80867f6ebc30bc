using MailKit;
using MailKit.Net.Smtp;
using MimeKit;

namespace StpCollector.Mail;

/// <summary>
/// An SMTP client that, for a message prepared for transport when it was queued, skips the two passes MailKit makes
/// before sending: preparing every part again and writing the whole message once only to count its bytes for SIZE.
/// Knowing the exact size also lets it use BDAT where the server offers CHUNKING. A server without 8BITMIME still gets
/// the message prepared (and measured) for 7-bit. One message at a time, as SmtpClient itself.
/// </summary>
internal sealed class PreparedMessageSmtpClient(IProtocolLogger protocolLogger) : SmtpClient(protocolLogger)
{
    private long? wireSize;

    /// <summary>Says how the next message to send was stored: prepared, taking this many bytes on the wire, or null if not.</summary>
    public void Prepared(long? size) => wireSize = size;

    /// <summary>With the exact size known, BDAT (CHUNKING) sends the message in one exchange, unstuffed, with no DATA round trip.</summary>
    protected override bool PreferSendAsBinaryData => wireSize is not null;

    protected override void Prepare(FormatOptions options, MimeMessage message, EncodingConstraint constraint, int maxLineLength)
    {
        if (wireSize is not null && constraint != EncodingConstraint.SevenBit)
            return;
        wireSize = null; // preparing it here may change it, so it is measured as well
        base.Prepare(options, message, constraint, maxLineLength);
    }

    protected override long GetSize(FormatOptions options, MimeMessage message, CancellationToken cancellationToken) =>
        wireSize ?? base.GetSize(options, message, cancellationToken);

    protected override Task<long> GetSizeAsync(FormatOptions options, MimeMessage message, CancellationToken cancellationToken) =>
        wireSize is { } size ? Task.FromResult(size) : base.GetSizeAsync(options, message, cancellationToken);
}
