using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.Options;

namespace StpCollector.Mail;

internal sealed class ImapMailbox(IOptions<MailOptions> options) : IMailbox
{
    private ImapServerOptions Server => options.Value.Imap;

    public string Describe() => $"IMAP {Server.Host}:{Server.Port}/{Server.Folder}";

    public async Task<IMailboxSession> OpenAsync(CancellationToken cancellationToken)
    {
        var client = await ConnectAsync(cancellationToken);
        try
        {
            var inbox = await client.GetFolderAsync(Server.Folder, cancellationToken);
            await inbox.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
            var destinations = new Dictionary<MailboxDestination, IMailFolder>
            {
                [MailboxDestination.Processed] = await EnsureFolderAsync(client, Server.ProcessedFolder, cancellationToken),
                [MailboxDestination.Held] = await EnsureFolderAsync(client, Server.HeldFolder, cancellationToken),
                [MailboxDestination.Failed] = await EnsureFolderAsync(client, Server.FailedFolder, cancellationToken),
            };
            return new Session(client, inbox, destinations);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public async Task WatchAsync(Func<CancellationToken, Task> arrived, CancellationToken cancellationToken)
    {
        using var client = await ConnectAsync(cancellationToken);
        await ImapIdleWatch.RunAsync(client, await client.GetFolderAsync(Server.Folder, cancellationToken), arrived, cancellationToken);
    }

    private async Task<ImapClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new ImapClient { Timeout = Server.TimeoutSeconds * 1000 };
        if (Server.AcceptAnyCertificate)
            client.ServerCertificateValidationCallback = (_, _, _, _) => true;
        try
        {
            await client.ConnectAsync(Server.Host, Server.Port, Server.Security.ToMailKit(), cancellationToken);
            await client.AuthenticateAsync(Server.UserName, Server.ResolvePassword(), cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static async Task<IMailFolder> EnsureFolderAsync(ImapClient client, string name, CancellationToken cancellationToken)
    {
        var personal = client.GetFolder(client.PersonalNamespaces[0]);
        try
        {
            return await client.GetFolderAsync(name, cancellationToken) ?? throw new FolderNotFoundException(name);
        }
        catch (FolderNotFoundException)
        {
            return await personal.CreateAsync(name, isMessageFolder: true, cancellationToken)
                ?? throw new InvalidOperationException($"The IMAP server did not create the folder {name}.");
        }
    }

    private sealed class Session(ImapClient client, IMailFolder inbox, Dictionary<MailboxDestination, IMailFolder> destinations) : IMailboxSession
    {
        public async Task<IReadOnlyList<MailboxItem>> ListAsync(CancellationToken cancellationToken)
        {
            var uids = await inbox.SearchAsync(SearchQuery.All, cancellationToken);
            if (uids.Count == 0)
                return [];
            // INTERNALDATE is when the server took the message in: the received time, whatever the sender's Date: says.
            var summaries = await inbox.FetchAsync(uids, MessageSummaryItems.UniqueId | MessageSummaryItems.InternalDate, cancellationToken);
            var arrived = summaries.ToDictionary(s => s.UniqueId.Id, s => s.InternalDate?.ToUniversalTime());
            return uids.Select(uid => new MailboxItem(uid.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"IMAP {inbox.FullName} UID {uid.Id}",
                arrived.GetValueOrDefault(uid.Id))).ToList();
        }

        public async Task<byte[]> ReadAsync(MailboxItem item, CancellationToken cancellationToken)
        {
            await using var stream = await inbox.GetStreamAsync(ToUid(item), string.Empty, cancellationToken);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            return buffer.ToArray();
        }

        public async Task MoveAsync(MailboxItem item, MailboxDestination destination, CancellationToken cancellationToken) =>
            await inbox.MoveToAsync(ToUid(item), destinations[destination], cancellationToken);

        public async Task<IReadOnlyList<(MailboxItem Item, byte[] Bytes)>> ReadManyAsync(IReadOnlyList<MailboxItem> items, CancellationToken cancellationToken)
        {
            var byUid = items.ToDictionary(ToUid);
            var read = new List<(MailboxItem, byte[])>(items.Count);
            await ((ImapFolder)inbox).GetStreamsAsync(byUid.Keys.ToList(), async (_, _, uid, stream, token) =>
            {
                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer, token);
                read.Add((byUid[uid], buffer.ToArray()));
            }, cancellationToken);
            // The server answers in its own order; keep the order the items were listed in.
            var order = items.Select((item, index) => (item, index)).ToDictionary(p => p.item.Id, p => p.index);
            return read.OrderBy(r => order[r.Item1.Id]).ToList();
        }

        public async Task MoveManyAsync(IReadOnlyList<MailboxItem> items, MailboxDestination destination, CancellationToken cancellationToken)
        {
            if (items.Count > 0)
                await inbox.MoveToAsync(items.Select(ToUid).ToList(), destinations[destination], cancellationToken);
        }

        private static UniqueId ToUid(MailboxItem item) => new(uint.Parse(item.Id, System.Globalization.CultureInfo.InvariantCulture));

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                    await client.DisconnectAsync(quit: true);
            }
            catch (Exception e) when (e is IOException or ImapProtocolException or ImapCommandException)
            {
                // Closing a connection that already broke loses nothing: unmoved messages are read again next time.
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}
