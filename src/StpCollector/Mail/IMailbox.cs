namespace StpCollector.Mail;

/// <summary>Where returns arrive: an IMAP folder or the drop folder.</summary>
internal interface IMailbox
{
    string Describe();

    Task<IMailboxSession> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Calls <paramref name="arrived"/> soon after something new lands (and once at the start if something is waiting),
    /// until cancelled. Returns at once when this mailbox cannot be watched: its sweep's interval still reads it.
    /// </summary>
    Task WatchAsync(Func<CancellationToken, Task> arrived, CancellationToken cancellationToken);
}

internal enum MailboxDestination { Processed, Held, Failed }

/// <summary>
/// An item waiting in the mailbox: an IMAP UID or a file name. ArrivedAt is when the mailbox took it in (IMAP
/// INTERNALDATE), or null when the mailbox cannot say (the drop folder) and the first reading is the arrival.
/// </summary>
internal sealed record MailboxItem(string Id, string Name, DateTimeOffset? ArrivedAt = null);

internal interface IMailboxSession : IAsyncDisposable
{
    Task<IReadOnlyList<MailboxItem>> ListAsync(CancellationToken cancellationToken);

    Task<byte[]> ReadAsync(MailboxItem item, CancellationToken cancellationToken);

    /// <summary>Called only after the outcome is committed to the database, so a crash before it means "read again".</summary>
    Task MoveAsync(MailboxItem item, MailboxDestination destination, CancellationToken cancellationToken);

    /// <summary>Reads several items at once (IMAP: one FETCH for the batch). Items that vanished meanwhile are left out.</summary>
    async Task<IReadOnlyList<(MailboxItem Item, byte[] Bytes)>> ReadManyAsync(IReadOnlyList<MailboxItem> items, CancellationToken cancellationToken)
    {
        var read = new List<(MailboxItem, byte[])>(items.Count);
        foreach (var item in items)
            read.Add((item, await ReadAsync(item, cancellationToken)));
        return read;
    }

    /// <summary>Moves several items at once (IMAP: one UID MOVE); the same promise as <see cref="MoveAsync"/>.</summary>
    async Task MoveManyAsync(IReadOnlyList<MailboxItem> items, MailboxDestination destination, CancellationToken cancellationToken)
    {
        foreach (var item in items)
            await MoveAsync(item, destination, cancellationToken);
    }
}
