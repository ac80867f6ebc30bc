using MimeKit;

namespace StpCollector.Mail;

/// <summary>Sends mail. A session is one connection reused for many messages.</summary>
internal interface IMailTransport
{
    string Describe();

    Task<IMailSession> ConnectAsync(CancellationToken cancellationToken);
}

internal interface IMailSession : IAsyncDisposable
{
    /// <summary>Throws <see cref="MailDeliveryException"/> saying whether a retry could help.</summary>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Sends a message that was prepared for transport when it was queued and takes <paramref name="wireSize"/> bytes
    /// on the wire, so a session that can need not prepare or measure it again. Throws as <see cref="SendAsync(MimeMessage, CancellationToken)"/>.
    /// </summary>
    Task SendPreparedAsync(MimeMessage message, long wireSize, CancellationToken cancellationToken) => SendAsync(message, cancellationToken);
}

internal sealed class MailDeliveryException(string message, bool permanent, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>True for a 5xx refusal: retrying will not help. False for 4xx, refused connections and timeouts.</summary>
    public bool Permanent { get; } = permanent;
}
