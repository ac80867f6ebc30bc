using System.Net;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace StpCollector.Mail;

internal sealed class SmtpTransport(IOptions<MailOptions> options) : IMailTransport
{
    private ServerOptions Server => options.Value.Smtp;

    public string Describe() => $"SMTP {Server.Host}:{Server.Port}";

    public async Task<IMailSession> ConnectAsync(CancellationToken cancellationToken)
    {
        var timer = new AcceptanceTimer();
        var client = new PreparedMessageSmtpClient(timer) { Timeout = Server.TimeoutSeconds * 1000 };
        if (Server.AcceptAnyCertificate)
            client.ServerCertificateValidationCallback = (_, _, _, _) => true;
        try
        {
            await client.ConnectAsync(await OpenSocketAsync(cancellationToken), Server.Host, Server.Port, Server.Security.ToMailKit(), cancellationToken);
            if (Server.UserName.Length > 0)
                await client.AuthenticateAsync(Server.UserName, Server.ResolvePassword(), cancellationToken);
            // Bounces go to the envelope sender: the returns mailbox, where the ingestion pipeline reads them and marks
            // the invitation or bulletin recipient bounced. The From header (a person can read it) stays as configured.
            return new Session(client, new MailboxAddress(null, $"{options.Value.ReplyLocalPart}@{options.Value.ReplyDomain}"), timer);
        }
        catch (Exception e) when (Classify(e) is { } failure)
        {
            client.Dispose();
            throw failure;
        }
    }

    /// <summary>
    /// A TCP connection with Nagle's algorithm off. MailKit writes the message body and the closing "." separately;
    /// with Nagle on, the "." waits for the server's delayed ACK, about 40 ms per message (25 messages a second).
    /// </summary>
    private async Task<Socket> OpenSocketAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(Server.TimeoutSeconds));
        Exception? last = null;
        try
        {
            foreach (var address in await Dns.GetHostAddressesAsync(Server.Host, timeout.Token))
            {
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(address, Server.Port, timeout.Token);
                    return socket;
                }
                catch (SocketException e)
                {
                    socket.Dispose();
                    last = e;
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MailDeliveryException($"SMTP connection problem: {Server.Host}:{Server.Port} did not answer within {Server.TimeoutSeconds} s", permanent: false);
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    /// <summary>5xx replies are permanent; 4xx, refused or dropped connections and timeouts are worth retrying.</summary>
    internal static MailDeliveryException? Classify(Exception e) => e switch
    {
        MailDeliveryException m => m,
        SmtpCommandException c => new MailDeliveryException(
            $"{(int)c.StatusCode} {c.Message}".Trim(), permanent: (int)c.StatusCode >= 500, c),
        AuthenticationException a => new MailDeliveryException($"SMTP login refused: {a.Message}", permanent: false, a),
        SmtpProtocolException or ServiceNotConnectedException or ServiceNotAuthenticatedException or SocketException or IOException or TimeoutException
            => new MailDeliveryException($"SMTP connection problem: {e.Message}", permanent: false, e),
        OperationCanceledException => null,
        _ => null,
    };

    private sealed class Session(PreparedMessageSmtpClient client, MailboxAddress envelopeSender, AcceptanceTimer timer) : IMailSession, IAcceptanceTiming
    {
        public TimeSpan? LastAcceptanceWait => timer.LastAcceptanceWait;

        public Task SendAsync(MimeMessage message, CancellationToken cancellationToken) => SendAsync(message, null, cancellationToken);

        public Task SendPreparedAsync(MimeMessage message, long wireSize, CancellationToken cancellationToken) => SendAsync(message, wireSize, cancellationToken);

        private async Task SendAsync(MimeMessage message, long? wireSize, CancellationToken cancellationToken)
        {
            try
            {
                var recipients = message.To.Mailboxes.Concat(message.Cc.Mailboxes).Concat(message.Bcc.Mailboxes).ToList();
                client.Prepared(wireSize);
                await client.SendAsync(FormatOptions.Default, message, envelopeSender, recipients, cancellationToken);
            }
            catch (Exception e) when (Classify(e) is { } failure)
            {
                throw failure;
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                    await client.DisconnectAsync(quit: true);
            }
            catch (Exception e) when (Classify(e) is not null)
            {
                // The connection is going away anyway; a failed QUIT loses nothing.
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}
