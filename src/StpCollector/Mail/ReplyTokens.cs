using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Mail;

/// <summary>What a reply address stands for: a kind ('r' round invitation, 'f' FoI request, 's' subscriber), a row id and a council.</summary>
internal sealed record ReplyToken(char Kind, long Id, string Subject)
{
    public const char Round = 'r';
    public const char Foi = 'f';
    public const char Subscriber = 's';
}

/// <summary>
/// Per-recipient reply addresses: returns+r12-e09000007-k3j9x0a1bq@domain. The tail is an HMAC over the rest,
/// so a token cannot be guessed or altered. Everything is lower-case, so mail systems that change case do no harm.
/// </summary>
internal sealed partial class ReplyTokens
{
    private const int MacLength = 10;
    private readonly byte[] key;
    private readonly MailOptions mail;

    public ReplyTokens(IOptions<SecurityOptions> security, IOptions<MailOptions> mail, AppPaths paths, Database database)
    {
        this.mail = mail.Value;
        key = Encoding.UTF8.GetBytes(LoadOrCreateKey(security.Value, paths, database));
    }

    public string Create(ReplyToken token)
    {
        var body = $"{token.Kind}{token.Id}-{token.Subject.ToLowerInvariant()}";
        return $"{body}-{Mac(body)}";
    }

    public string AddressFor(ReplyToken token) => $"{mail.ReplyLocalPart}+{Create(token)}@{mail.ReplyDomain}";

    /// <summary>The token if it is well formed and its HMAC matches; null for anything tampered or unknown.</summary>
    public ReplyToken? Verify(string token)
    {
        var match = Shape().Match(token.Trim().ToLowerInvariant());
        if (!match.Success || !long.TryParse(match.Groups["id"].Value, out var id))
            return null;
        var body = $"{match.Groups["kind"].Value}{match.Groups["id"].Value}-{match.Groups["subject"].Value}";
        var expected = Encoding.ASCII.GetBytes(Mac(body));
        var given = Encoding.ASCII.GetBytes(match.Groups["mac"].Value);
        return CryptographicOperations.FixedTimeEquals(expected, given)
            ? new ReplyToken(match.Groups["kind"].Value[0], id, match.Groups["subject"].Value.ToUpperInvariant())
            : null;
    }

    /// <summary>Finds and verifies a token in an address such as "Returns+R12-E09000007-ABC@lga.test".</summary>
    public ReplyToken? FromAddress(string address)
    {
        var at = address.LastIndexOf('@');
        var plus = address.IndexOf('+');
        if (at < 0 || plus < 0 || plus > at)
            return null;
        var local = address[..plus];
        if (!string.Equals(local.Trim().Trim('<'), mail.ReplyLocalPart, StringComparison.OrdinalIgnoreCase))
            return null;
        return Verify(address[(plus + 1)..at]);
    }

    private string Mac(string body)
    {
        var hash = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(body));
        return Base32(hash)[..MacLength];
    }

    private static string Base32(byte[] bytes)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        var output = new StringBuilder();
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                output.Append(alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        return output.ToString();
    }

    private static string LoadOrCreateKey(SecurityOptions options, AppPaths paths, Database database)
    {
        if (options.ReplyTokenKey.Length > 0)
            return options.ReplyTokenKey;
        if (options.ReplyTokenKeyFile.Length > 0)
            return File.ReadAllText(options.ReplyTokenKeyFile).Trim();
        if (database.IsPostgreSql)
            return SharedKey(database);

        var file = Path.Combine(paths.SecretsDir, "reply-token.key");
        if (File.Exists(file))
            return File.ReadAllText(file).Trim();
        Directory.CreateDirectory(paths.SecretsDir);
        var generated = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        var partial = file + ".partial";
        File.WriteAllText(partial, generated);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(partial, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            File.Move(partial, file, overwrite: false);
        }
        catch (IOException)
        {
            // Another process created it first: use theirs so every process signs with the same key.
            File.Delete(partial);
        }

        return File.ReadAllText(file).Trim();
    }

    /// <summary>
    /// Workers on PostgreSQL each have a data dir of their own, but a reply signed by one must verify on every other:
    /// the generated key is kept in the database they share. The first worker's key wins; the others read it.
    /// </summary>
    private static string SharedKey(Database database)
    {
        using var connection = database.Open();
        return AppMeta.GetOrAdd(connection, AppMeta.ReplyTokenKey, Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));
    }

    [GeneratedRegex(@"^(?<kind>[a-z])(?<id>\d{1,18})-(?<subject>[a-z0-9]{1,20})-(?<mac>[a-z2-7]{10})$")]
    private static partial Regex Shape();
}
