using StpCollector.Shared;

namespace StpCollector.Ingestion;

/// <summary>Reads what is waiting in the returns mailbox (see <see cref="MailboxReader"/>).</summary>
internal sealed class MailboxPollSweep(MailboxReader reader) : ISweep
{
    public const string Name = "MailboxPoll";

    public Task<SweepResult> RunAsync(CancellationToken cancellationToken) => reader.ReadWaitingAsync(cancellationToken);
}
