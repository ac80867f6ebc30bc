using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using MimeKit;

namespace StpCollector.Benchmarks.Reference;

/// <summary>
/// fetch: the ingestion reference. A bare MailKit program that logs in, downloads every message in INBOX and
/// parses it, and does nothing else (no archive, matching, database, receipt or move). --mode batch (default)
/// fetches all bodies in one pipelined FETCH, the fastest a plain program gets; --mode each fetches one message
/// per round trip, as a simple loop would.
/// </summary>
public static class BareFetch
{
    public static async Task<int> RunAsync(Arguments args)
    {
        using var client = await ConnectAsync(args);
        var inbox = (ImapFolder)client.Inbox;
        await inbox.OpenAsync(FolderAccess.ReadOnly);
        var uids = await inbox.SearchAsync(SearchQuery.All);
        long bytes = 0;
        var parsed = 0;
        if (args.Text("mode", "batch") == "each")
        {
            foreach (var uid in uids)
            {
                var message = await inbox.GetMessageAsync(uid);
                parsed++;
                bytes += message.Headers.Count;
            }
        }
        else
        {
            await inbox.GetStreamsAsync(uids, async (_, _, _, stream, cancellationToken) =>
            {
                bytes += stream.Length;
                _ = await MimeMessage.LoadAsync(stream, cancellationToken);
                parsed++;
            });
        }

        await client.DisconnectAsync(quit: true);
        var expected = args.Int("expect", -1);
        Console.WriteLine($"fetch: {parsed} messages, {bytes} bytes");
        return expected < 0 || parsed == expected ? 0 : 1;
    }

    public static async Task<int> CountAsync(Arguments args)
    {
        using var client = await ConnectAsync(args);
        var folder = await client.GetFolderAsync(args.Text("folder", "INBOX"));
        await folder.StatusAsync(StatusItems.Count);
        Console.WriteLine(folder.Count);
        await client.DisconnectAsync(quit: true);
        return 0;
    }

    private static async Task<ImapClient> ConnectAsync(Arguments args)
    {
        var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", args.Int("imap-port"), SecureSocketOptions.None);
        await client.AuthenticateAsync(args.Text("user", "returns@lga.test"), args.Text("password"));
        return client;
    }
}
