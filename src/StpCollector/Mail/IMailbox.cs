namespace StpCollector.Mail;

/// <summary>Where returns arrive: an IMAP folder or the drop folder.</summary>
public interface IMailbox
{
    string Describe();

    Task<IMailboxSession> OpenAsync(CancellationToken cancellationToken);
}

public enum MailboxDestination { Processed, Held, Failed }

/// <summary>An item waiting in the mailbox: an IMAP UID or a file name.</summary>
public sealed record MailboxItem(string Id, string Name);

public interface IMailboxSession : IAsyncDisposable
{
    Task<IReadOnlyList<MailboxItem>> ListAsync(CancellationToken cancellationToken);

    Task<byte[]> ReadAsync(MailboxItem item, CancellationToken cancellationToken);

    /// <summary>Called only after the outcome is committed to the database, so a crash before it means "read again".</summary>
    Task MoveAsync(MailboxItem item, MailboxDestination destination, CancellationToken cancellationToken);
}
