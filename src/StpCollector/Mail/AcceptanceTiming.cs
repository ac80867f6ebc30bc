using System.Diagnostics;
using MailKit;

namespace StpCollector.Mail;

/// <summary>
/// Offered by sessions that can tell how long the server took to answer the end of the last message: from our
/// final "." to its reply. That span, plus the time to record the reply, is the only moment in which a crash leaves a
/// message accepted by the server but not yet marked sent, so the outbox reports it as its duplicate window.
/// </summary>
internal interface IAcceptanceTiming
{
    TimeSpan? LastAcceptanceWait { get; }
}

/// <summary>A MailKit protocol logger that records only timestamps: when the client ends DATA and when the server next speaks.</summary>
internal sealed class AcceptanceTimer : IProtocolLogger, IAcceptanceTiming
{
    private long endOfData;
    private byte previousLast = (byte)'\n';

    public TimeSpan? LastAcceptanceWait { get; private set; }

    public IAuthenticationSecretDetector? AuthenticationSecretDetector { get; set; }

    public void LogConnect(Uri uri)
    {
    }

    public void LogClient(byte[] buffer, int offset, int count)
    {
        if (count == 0)
            return;
        // The body is dot-stuffed, so a line holding only "." is the end of the message.
        var end = offset + count;
        var terminator = count >= 3 && buffer[end - 3] == '.' && buffer[end - 2] == '\r' && buffer[end - 1] == '\n'
            && (count == 3 ? previousLast == '\n' : buffer[end - 4] == '\n');
        if (terminator)
            endOfData = Stopwatch.GetTimestamp();
        previousLast = buffer[end - 1];
    }

    public void LogServer(byte[] buffer, int offset, int count)
    {
        if (endOfData == 0)
            return;
        LastAcceptanceWait = Stopwatch.GetElapsedTime(endOfData);
        endOfData = 0;
    }

    public void Dispose()
    {
    }
}
