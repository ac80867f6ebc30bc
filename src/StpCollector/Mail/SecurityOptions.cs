using StpCollector.Shared;

namespace StpCollector.Mail;

/// <summary>
/// Section "Security". The reply-token key never sits in the repository: give it through the environment
/// (STPCOLLECTOR__Security__ReplyTokenKey), a file outside the repo (ReplyTokenKeyFile), or let StpCollector
/// generate one into DATA/secrets/reply-token.key on first run.
/// </summary>
internal sealed class SecurityOptions
{
    public const string Section = "Security";

    public string ReplyTokenKey { get; set; } = "";
    public string ReplyTokenKeyFile { get; set; } = "";

    /// <summary>Every problem in the section, each naming its key.</summary>
    internal sealed class Validator : OptionsValidator<SecurityOptions>
    {
        protected override IEnumerable<string> Problems(SecurityOptions options)
        {
            if (options.ReplyTokenKey.Length is > 0 and < 16)
                yield return $"{Section}:{nameof(ReplyTokenKey)} is too short: use at least 16 random characters.";
            if (options.ReplyTokenKeyFile.Length > 0 && !File.Exists(options.ReplyTokenKeyFile))
                yield return $"{Section}:{nameof(ReplyTokenKeyFile)} '{options.ReplyTokenKeyFile}' does not exist.";
        }
    }
}
