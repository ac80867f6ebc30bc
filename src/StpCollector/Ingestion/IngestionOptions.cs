using StpCollector.Shared;

namespace StpCollector.Ingestion;

/// <summary>What to do with a reply from an address that is not a known contact of the council it matched.</summary>
internal enum SenderCheck
{
    /// <summary>Accept known contacts and anyone on the domain of one of the council's contacts; hold the rest.</summary>
    ContactOrCouncilDomain,

    /// <summary>Accept only known contacts of the council; hold the rest.</summary>
    ContactOnly,

    /// <summary>Accept any sender once the reply is matched (the token or Message-ID already vouches for it).</summary>
    Off,
}

/// <summary>Section "Ingestion": limits on what is read and how replies are trusted.</summary>
internal sealed class IngestionOptions
{
    public const string Section = "Ingestion";

    public long MaxMessageBytes { get; set; } = 25 * 1024 * 1024;
    public long MaxAttachmentBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Rows read from one attachment or dropped file; staff use `import` for bigger files.</summary>
    public int MaxRowsPerFile { get; set; } = 20_000;

    public SenderCheck SenderCheck { get; set; } = SenderCheck.ContactOrCouncilDomain;

    /// <summary>Messages fetched from IMAP per round trip.</summary>
    public int FetchBatchSize { get; set; } = 100;

    /// <summary>
    /// Read the returns mailbox as soon as something lands (IMAP IDLE on a connection of its own, or the drop folder's
    /// file events) instead of only every Sweeps:IntervalSeconds:MailboxPoll seconds.
    /// </summary>
    public bool WatchMailbox { get; set; } = true;

    /// <summary>Send a receipt to the sender of every stored email return.</summary>
    public bool SendReceipts { get; set; } = true;

    /// <summary>Every problem in the section, each naming its key.</summary>
    internal sealed class Validator : OptionsValidator<IngestionOptions>
    {
        protected override IEnumerable<string> Problems(IngestionOptions options)
        {
            if (options.MaxMessageBytes is < 1024 or > 1024L * 1024 * 1024)
                yield return $"{Section}:{nameof(MaxMessageBytes)} must be between 1024 and 1073741824 bytes (it is {options.MaxMessageBytes}).";
            if (options.MaxAttachmentBytes < 1024 || options.MaxAttachmentBytes > options.MaxMessageBytes)
                yield return $"{Section}:{nameof(MaxAttachmentBytes)} must be at least 1024 bytes and at most {Section}:{nameof(MaxMessageBytes)} (it is {options.MaxAttachmentBytes}).";
            if (options.MaxRowsPerFile is < 1 or > 10_000_000)
                yield return $"{Section}:{nameof(MaxRowsPerFile)} must be between 1 and 10000000 (it is {options.MaxRowsPerFile}).";
            if (options.FetchBatchSize is < 1 or > 5000)
                yield return $"{Section}:{nameof(FetchBatchSize)} must be between 1 and 5000 (it is {options.FetchBatchSize}).";
        }
    }
}
