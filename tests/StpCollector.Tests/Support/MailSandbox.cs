using System.Diagnostics;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Search;
using MailKit.Security;
using MimeKit;

namespace StpCollector.Tests.Support;

/// <summary>
/// The real Postfix + Dovecot from Debian, run by install/mail-sandbox from a private folder on free ports.
/// One instance serves the whole test run; GlobalTeardown stops it by pid even when tests fail.
/// </summary>
internal sealed class MailSandbox
{
    private static readonly Lazy<MailSandbox> SharedInstance = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private static bool started;

    private MailSandbox(string dir, IReadOnlyDictionary<string, string> env)
    {
        Dir = dir;
        SmtpPort = int.Parse(env["SMTP_PORT"]);
        ImapPort = int.Parse(env["IMAP_PORT"]);
        Password = env["IMAP_PASSWORD"];
    }

    public static MailSandbox Shared => SharedInstance.Value;

    public string Dir { get; }
    public int SmtpPort { get; }
    public int ImapPort { get; }
    public string Password { get; }

    /// <summary>Settings that point StpCollector at this sandbox, reading returns from the given mailbox.</summary>
    public Dictionary<string, string?> Settings(string returnsUser = "returns@lga.test") => new()
    {
        ["Mail:Outbound"] = "Smtp",
        ["Mail:Inbound"] = "Imap",
        ["Mail:Smtp:Host"] = "127.0.0.1",
        ["Mail:Smtp:Port"] = SmtpPort.ToString(),
        ["Mail:Smtp:Security"] = "None",
        ["Mail:Imap:Host"] = "127.0.0.1",
        ["Mail:Imap:Port"] = ImapPort.ToString(),
        ["Mail:Imap:Security"] = "None",
        ["Mail:Imap:UserName"] = returnsUser,
        ["Mail:Imap:Password"] = Password,
    };

    /// <summary>The same settings as environment variables, for a child stpcollector process.</summary>
    public Dictionary<string, string> Environment(string returnsUser = "returns@lga.test") =>
        Settings(returnsUser).ToDictionary(kv => "STPCOLLECTOR__" + kv.Key.Replace(":", "__"), kv => kv.Value!);

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", SmtpPort, SecureSocketOptions.None, cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }

    public async Task<ImapClient> ConnectImapAsync(string user, CancellationToken cancellationToken = default)
    {
        var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", ImapPort, SecureSocketOptions.None, cancellationToken);
        await client.AuthenticateAsync(user, Password, cancellationToken);
        return client;
    }

    /// <summary>All messages in a user's folder (INBOX by default).</summary>
    public async Task<IReadOnlyList<MimeMessage>> FetchAsync(string user, string folder = "INBOX", CancellationToken cancellationToken = default)
    {
        using var client = await ConnectImapAsync(user, cancellationToken);
        var mailFolder = folder == "INBOX" ? client.Inbox : await client.GetFolderAsync(folder, cancellationToken);
        if (mailFolder is null)
            return [];
        await mailFolder.OpenAsync(FolderAccess.ReadOnly, cancellationToken);
        var messages = new List<MimeMessage>();
        foreach (var uid in await mailFolder.SearchAsync(SearchQuery.All, cancellationToken))
            messages.Add(await mailFolder.GetMessageAsync(uid, cancellationToken));
        await client.DisconnectAsync(true, cancellationToken);
        return messages;
    }

    /// <summary>Polls (bounded) until the user's folder holds at least <paramref name="count"/> messages; delivery is asynchronous.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(string user, int count, TimeSpan? timeout = null, string folder = "INBOX")
    {
        var watch = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        while (true)
        {
            IReadOnlyList<MimeMessage> messages;
            try
            {
                messages = await FetchAsync(user, folder);
            }
            catch (FolderNotFoundException)
            {
                messages = [];
            }

            if (messages.Count >= count || watch.Elapsed > limit)
                return messages;
            await Task.Delay(100);
        }
    }

    /// <summary>Deletes all delivered mail and queued messages, keeping the daemons running.</summary>
    public void Wipe() => Run("wipe", Dir);

    private static MailSandbox Start()
    {
        var dir = System.Environment.GetEnvironmentVariable("STPCOLLECTOR_TEST_SANDBOX_DIR")
                  ?? Path.Combine("/tmp", $"stpc-sbx-{System.Environment.ProcessId}");
        var env = new Dictionary<string, string>
        {
            ["SANDBOX_SMTP_PORT"] = FreePort.Next().ToString(),
            ["SANDBOX_IMAP_PORT"] = FreePort.Next().ToString(),
            ["SANDBOX_SUBMISSION_PORT"] = "0",
        };
        started = true;
        Run("start", dir, env);
        var values = File.ReadAllLines(Path.Combine(dir, "sandbox.env"))
            .Where(l => l.Contains('='))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim().Trim('"', '\''));
        return new MailSandbox(dir, values);
    }

    /// <summary>Stops the daemons by their pid files. Safe to call when nothing was started.</summary>
    public static void StopIfStarted()
    {
        if (!started)
            return;
        var dir = SharedInstance.IsValueCreated ? SharedInstance.Value.Dir
            : System.Environment.GetEnvironmentVariable("STPCOLLECTOR_TEST_SANDBOX_DIR") ?? Path.Combine("/tmp", $"stpc-sbx-{System.Environment.ProcessId}");
        Run("stop", dir);
    }

    private static void Run(string verb, string dir, IDictionary<string, string>? env = null) =>
        SandboxScript.Run("mail-sandbox", verb, dir, env, timeoutSeconds: 60);
}
