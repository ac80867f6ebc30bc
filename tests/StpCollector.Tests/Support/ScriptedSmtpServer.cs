using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace StpCollector.Tests.Support;

/// <summary>
/// A small SMTP server on loopback for the failures the real sandbox cannot produce on demand: a 4xx for one
/// recipient, or a connection dropped mid-batch. It speaks enough SMTP for MailKit (no extensions, so no pipelining)
/// and records what it accepted. Everything else is tested against the real Postfix.
/// </summary>
internal sealed class ScriptedSmtpServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Func<string, string?> recipientReply;
    private readonly int? dropAfterMessages;
    private int accepted;
    private int connections;

    /// <param name="recipientReply">A reply such as "451 4.3.0 Try later" for a recipient, or null to accept it.</param>
    /// <param name="dropAfterMessages">After accepting this many messages, drop the connection at the next MAIL and stop listening.</param>
    public ScriptedSmtpServer(Func<string, string?>? recipientReply = null, int? dropAfterMessages = null)
    {
        this.recipientReply = recipientReply ?? (_ => null);
        this.dropAfterMessages = dropAfterMessages;
        listener.Start();
        _ = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;
    public int Connections => connections;
    public ConcurrentQueue<string> AcceptedRecipients { get; } = new();

    private async Task AcceptLoopAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            Interlocked.Increment(ref connections);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        string? recipient = null;
        try
        {
            await writer.WriteLineAsync("220 scripted.test ESMTP");
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO" or "HELO" or "NOOP" or "RSET":
                        await writer.WriteLineAsync("250 scripted.test");
                        break;
                    case "MAIL" when dropAfterMessages is { } limit && accepted >= limit:
                        listener.Stop();
                        return; // closes the connection without a reply
                    case "MAIL":
                        await writer.WriteLineAsync("250 2.1.0 Ok");
                        break;
                    case "RCPT":
                        recipient = line[(line.IndexOf('<') + 1)..line.LastIndexOf('>')];
                        await writer.WriteLineAsync(recipientReply(recipient) ?? "250 2.1.5 Ok");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        while (await reader.ReadLineAsync(stop.Token) is { } data && data != ".")
                        {
                        }

                        Interlocked.Increment(ref accepted);
                        AcceptedRecipients.Enqueue(recipient ?? "");
                        await writer.WriteLineAsync("250 2.0.0 Ok: queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 2.0.0 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 5.5.2 Error: command not recognized");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away; nothing to do.
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        stop.Dispose();
    }
}
