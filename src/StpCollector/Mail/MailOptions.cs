using StpCollector.Contacts;
using StpCollector.Shared;

namespace StpCollector.Mail;

internal enum OutboundTransport { Folder, Smtp }

internal enum InboundTransport { Folder, Imap }

internal enum TlsMode { Auto, None, StartTls, SslOnConnect }

/// <summary>Section "Mail": who we are, how mail leaves and how replies arrive.</summary>
internal sealed class MailOptions
{
    public const string Section = "Mail";

    public string FromName { get; set; } = "LGA STP network";
    public string FromAddress { get; set; } = "stp@lga.test";

    /// <summary>Replies go to LocalPart+TOKEN@Domain.</summary>
    public string ReplyLocalPart { get; set; } = "returns";
    public string ReplyDomain { get; set; } = "lga.test";

    public OutboundTransport Outbound { get; set; } = OutboundTransport.Folder;
    public InboundTransport Inbound { get; set; } = InboundTransport.Folder;

    public ServerOptions Smtp { get; set; } = new() { Port = 587 };
    public ImapServerOptions Imap { get; set; } = new() { Port = 993 };

    /// <summary>Every problem in the section, each naming its key.</summary>
    internal sealed class Validator : OptionsValidator<MailOptions>
    {
        protected override IEnumerable<string> Problems(MailOptions options)
        {
            if (!EmailAddress.IsValid(options.FromAddress))
                yield return $"{Section}:{nameof(FromAddress)} '{options.FromAddress}' is not an email address.";
            if (string.IsNullOrWhiteSpace(options.ReplyLocalPart) || options.ReplyLocalPart.Contains('+') || options.ReplyLocalPart.Contains('@'))
                yield return $"{Section}:{nameof(ReplyLocalPart)} must be a plain mailbox name such as 'returns' (no '+' or '@').";
            if (!EmailAddress.IsValid($"{options.ReplyLocalPart}@{options.ReplyDomain}"))
                yield return $"{Section}:{nameof(ReplyDomain)} '{options.ReplyDomain}' is not a mail domain.";
            if (options.Outbound == OutboundTransport.Smtp)
                foreach (var problem in options.Smtp.Validate($"{Section}:{nameof(Smtp)}", "SMTP (Mail:Outbound = Smtp)"))
                    yield return problem;
            if (options.Inbound == InboundTransport.Imap)
                foreach (var problem in options.Imap.Validate($"{Section}:{nameof(Imap)}", "IMAP (Mail:Inbound = Imap)"))
                    yield return problem;
        }
    }
}

internal class ServerOptions
{
    public string Host { get; set; } = "";
    public int Port { get; set; }
    public TlsMode Security { get; set; } = TlsMode.Auto;
    public string UserName { get; set; } = "";

    /// <summary>Never in appsettings.json: set STPCOLLECTOR__Mail__Smtp__Password, or point PasswordFile at a file outside the repo.</summary>
    public string Password { get; set; } = "";
    public string PasswordFile { get; set; } = "";
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Accept self-signed certificates (test servers only).</summary>
    public bool AcceptAnyCertificate { get; set; }

    public string ResolvePassword() =>
        PasswordFile.Length > 0 ? File.ReadAllText(PasswordFile).Trim() : Password;

    public IEnumerable<string> Validate(string key, string what)
    {
        if (string.IsNullOrWhiteSpace(Host))
            yield return $"{key}:{nameof(Host)} is empty, but {what} is chosen. Set the server's host name.";
        if (Port is < 1 or > 65535)
            yield return $"{key}:{nameof(Port)} must be between 1 and 65535 (it is {Port}).";
        if (TimeoutSeconds is < 1 or > 600)
            yield return $"{key}:{nameof(TimeoutSeconds)} must be between 1 and 600.";
        if (PasswordFile.Length > 0 && !File.Exists(PasswordFile))
            yield return $"{key}:{nameof(PasswordFile)} '{PasswordFile}' does not exist.";
        if (UserName.Length > 0 && Password.Length == 0 && PasswordFile.Length == 0)
            yield return $"{key}:{nameof(Password)} is not set for user '{UserName}'. Set the environment variable STPCOLLECTOR__{key.Replace(":", "__")}__Password or {key}:{nameof(PasswordFile)}.";
    }
}

internal sealed class ImapServerOptions : ServerOptions
{
    public string Folder { get; set; } = "INBOX";
    public string ProcessedFolder { get; set; } = "Processed";
    public string HeldFolder { get; set; } = "Held";
    public string FailedFolder { get; set; } = "Failed";
}
