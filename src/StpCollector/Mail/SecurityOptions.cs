using StpCollector.Hosting;

namespace StpCollector.Mail;

/// <summary>
/// Section "Security". The reply-token key never sits in the repository: give it through the environment
/// (STPCOLLECTOR__Security__ReplyTokenKey), a file outside the repo (ReplyTokenKeyFile), or let StpCollector
/// generate one into DATA/secrets/reply-token.key on first run.
/// </summary>
public sealed class SecurityOptions : IValidatedOptions
{
    public const string Section = "Security";

    public string ReplyTokenKey { get; set; } = "";
    public string ReplyTokenKeyFile { get; set; } = "";

    public IEnumerable<string> Validate(string section)
    {
        if (ReplyTokenKey.Length is > 0 and < 16)
            yield return $"{section}:{nameof(ReplyTokenKey)} is too short: use at least 16 random characters.";
        if (ReplyTokenKeyFile.Length > 0 && !File.Exists(ReplyTokenKeyFile))
            yield return $"{section}:{nameof(ReplyTokenKeyFile)} '{ReplyTokenKeyFile}' does not exist.";
    }
}
