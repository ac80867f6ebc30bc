using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StpCollector.Mail;
using StpCollector.Shared;

namespace StpCollector.Ingestion;

/// <summary>
/// Runs the MailboxPoll sweep as soon as a reply lands (IMAP IDLE, or a file in the drop folder) rather than at its
/// next interval, so a council's receipt goes out within seconds. Ingestion:WatchMailbox = false turns it off.
/// </summary>
internal sealed class NewMailWake(IMailbox mailbox, IOptions<IngestionOptions> options, ILogger<NewMailWake> logger) : ISweepWakeSource
{
    public string Sweep => MailboxPollSweep.Name;

    public async Task WatchAsync(Func<CancellationToken, Task> wake, CancellationToken cancellationToken)
    {
        if (!options.Value.WatchMailbox)
            return;
        logger.LogInformation("Watching {Mailbox}: replies are read as they land", mailbox.Describe());
        await mailbox.WatchAsync(wake, cancellationToken);
        if (!cancellationToken.IsCancellationRequested)
            logger.LogInformation("{Mailbox} cannot be watched (the server does not offer IMAP IDLE); replies are read at each MailboxPoll interval",
                mailbox.Describe());
    }
}
