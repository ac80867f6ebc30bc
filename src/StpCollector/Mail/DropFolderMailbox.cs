using StpCollector.Shared;


namespace StpCollector.Mail;

/// <summary>
/// The embedded default inbox: .eml, .csv and .xlsx files dropped in DATA/mail/inbox/ are read and then moved to
/// processed/, held/ or failed/ beside it. Files starting with '.' or ending in .tmp/.part are still being written.
/// Items carry no arrival time: a file's modified time is whatever the tool that copied it kept (cp -p, rsync -t,
/// unzip), so the received time is when StpCollector first reads it.
/// </summary>
internal sealed class DropFolderMailbox(AppPaths paths) : IMailbox
{
    public string Describe() => $"drop folder {paths.DropDir}";

    public Task<IMailboxSession> OpenAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(paths.DropDir);
        return Task.FromResult<IMailboxSession>(new Session(paths.DropDir));
    }

    /// <summary>A file created in (or renamed into) the folder wakes the sweep; names still being written do not.</summary>
    public async Task WatchAsync(Func<CancellationToken, Task> arrived, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(paths.DropDir);
        var landed = System.Threading.Channels.Channel.CreateBounded<bool>(
            new System.Threading.Channels.BoundedChannelOptions(1) { FullMode = System.Threading.Channels.BoundedChannelFullMode.DropWrite });
        using var watcher = new FileSystemWatcher(paths.DropDir) { NotifyFilter = NotifyFilters.FileName, IncludeSubdirectories = false };
        void Landed(string name)
        {
            if (!name.StartsWith('.') && Path.GetExtension(name) is not (".tmp" or ".part"))
                landed.Writer.TryWrite(true);
        }

        watcher.Created += (_, e) => Landed(e.Name ?? "");
        watcher.Renamed += (_, e) => Landed(e.Name ?? "");
        watcher.EnableRaisingEvents = true;
        if (Directory.EnumerateFiles(paths.DropDir).Any())
            await arrived(cancellationToken);
        await foreach (var _ in landed.Reader.ReadAllAsync(cancellationToken))
            await arrived(cancellationToken);
    }

    private sealed class Session(string inbox) : IMailboxSession
    {
        public Task<IReadOnlyList<MailboxItem>> ListAsync(CancellationToken cancellationToken)
        {
            IReadOnlyList<MailboxItem> items = new DirectoryInfo(inbox).EnumerateFiles()
                .Where(f => !f.Name.StartsWith('.') && f.Extension is not (".tmp" or ".part"))
                .OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal)
                .Select(f => new MailboxItem(f.Name, Path.Combine(inbox, f.Name)))
                .ToList();
            return Task.FromResult(items);
        }

        public Task<byte[]> ReadAsync(MailboxItem item, CancellationToken cancellationToken) =>
            File.ReadAllBytesAsync(Path.Combine(inbox, item.Id), cancellationToken);

        /// <summary>A file gone since it was listed was taken by another process (or a person): it is theirs, not an error.</summary>
        public async Task<IReadOnlyList<(MailboxItem Item, byte[] Bytes)>> ReadManyAsync(IReadOnlyList<MailboxItem> items, CancellationToken cancellationToken)
        {
            var read = new List<(MailboxItem, byte[])>(items.Count);
            foreach (var item in items)
            {
                try
                {
                    read.Add((item, await ReadAsync(item, cancellationToken)));
                }
                catch (FileNotFoundException)
                {
                }
            }

            return read;
        }

        public Task MoveAsync(MailboxItem item, MailboxDestination destination, CancellationToken cancellationToken)
        {
            var folder = Path.Combine(Path.GetDirectoryName(inbox)!, destination.ToString().ToLowerInvariant());
            Directory.CreateDirectory(folder);
            var target = Path.Combine(folder, item.Id);
            for (var n = 1; File.Exists(target); n++)
                target = Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(item.Id)}.{n}{Path.GetExtension(item.Id)}");
            try
            {
                File.Move(Path.Combine(inbox, item.Id), target);
            }
            catch (FileNotFoundException)
            {
                // Moved meanwhile by another process that read it too; its outcome is recorded once (duplicates are recognised).
            }

            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
