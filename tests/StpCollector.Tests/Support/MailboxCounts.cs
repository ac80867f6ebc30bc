using MailKit;

namespace StpCollector.Tests.Support;

/// <summary>Message counts of a sandbox mailbox folder without fetching the messages (STATUS), for tests with hundreds.</summary>
internal static class MailboxCounts
{
    public static async Task<int> CountAsync(string user, string folder)
    {
        using var client = await MailSandbox.Shared.ConnectImapAsync(user);
        try
        {
            var mailFolder = folder == "INBOX" ? client.Inbox : await client.GetFolderAsync(folder);
            await mailFolder.StatusAsync(StatusItems.Count);
            return mailFolder.Count;
        }
        catch (FolderNotFoundException)
        {
            return 0;
        }
        finally
        {
            await client.DisconnectAsync(true);
        }
    }

    /// <summary>Polls (bounded) until the folder holds at least <paramref name="count"/> messages; returns the last count seen.</summary>
    public static async Task<int> WaitForCountAsync(string user, string folder, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var seen = await CountAsync(user, folder);
            if (seen >= count || DateTime.UtcNow > deadline)
                return seen;
            await Task.Delay(100);
        }
    }
}
