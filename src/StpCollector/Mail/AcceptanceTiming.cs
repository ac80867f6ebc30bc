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

/// <summary>
/// A MailKit protocol logger that records only timestamps: when the client last wrote and when the server next speaks.
/// After a send, the last such span is the wait for the reply to the message itself, whether it went as DATA (ended by
/// its "." line) or as one BDAT chunk.
/// </summary>
internal sealed class AcceptanceTimer : IProtocolLogger, IAcceptanceTiming
{
    private long lastWrite;

    public TimeSpan? LastAcceptanceWait { get; private set; }

    public IAuthenticationSecretDetector? AuthenticationSecretDetector { get; set; }

    public void LogConnect(Uri uri)
    {
    }

    public void LogClient(byte[] buffer, int offset, int count)
    {
        if (count > 0)
            lastWrite = Stopwatch.GetTimestamp();
    }

    public void LogServer(byte[] buffer, int offset, int count)
    {
        if (lastWrite == 0)
            return;
        LastAcceptanceWait = Stopwatch.GetElapsedTime(lastWrite);
        lastWrite = 0;
    }

    public void Dispose()
    {
    }
}
