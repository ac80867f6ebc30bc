using MailKit;
using MailKit.Net.Imap;

namespace StpCollector.Mail;

/// <summary>
/// Watches the returns folder with IMAP IDLE (RFC 2177) on a connection of its own, read-only, so that a reply is
/// read seconds after it lands instead of at the next poll. The server announces each new message (EXISTS); the
/// watch ends its IDLE, reports the arrival and idles again. IDLE is renewed every <see cref="Renewal"/>, inside the
/// 29 minutes after which servers may drop an idle client. A server without IDLE is not watched.
/// </summary>
internal static class ImapIdleWatch
{
    public static readonly TimeSpan Renewal = TimeSpan.FromMinutes(9);

    public static async Task RunAsync(ImapClient client, IMailFolder folder, Func<CancellationToken, Task> arrived, CancellationToken cancellationToken)
    {
        if (!client.Capabilities.HasFlag(ImapCapabilities.Idle))
            return;
        await folder.OpenAsync(FolderAccess.ReadOnly, cancellationToken);
        var known = folder.Count;
        var grew = false;
        CancellationTokenSource? done = null;
        folder.CountChanged += (_, _) =>
        {
            // Raised while idling; only a new message matters (the poll moving messages out also changes the count).
            if (folder.Count > known)
            {
                grew = true;
                done?.Cancel();
            }

            known = folder.Count;
        };
        if (known > 0)
            await arrived(cancellationToken);

        while (!cancellationToken.IsCancellationRequested)
        {
            using (done = new CancellationTokenSource(Renewal))
                await client.IdleAsync(done.Token, cancellationToken);
            done = null;
            if (grew)
            {
                grew = false;
                await arrived(cancellationToken);
            }
        }
    }
}
