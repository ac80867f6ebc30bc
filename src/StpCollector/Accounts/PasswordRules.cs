using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using StpCollector.Shared;

namespace StpCollector.Accounts;

/// <summary>What a chosen password must be, and the one-time passwords admins hand out.</summary>
internal sealed class PasswordRules(IOptions<AccountsOptions> options)
{
    // No 0/O, 1/l/I: the one-time password is read off a screen and typed.
    private const string Readable = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string NewOneTimePassword() =>
        string.Join('-', Enumerable.Range(0, 4).Select(_ => RandomNumberGenerator.GetString(Readable, 5)));

    public void Check(string chosen, string email, string current)
    {
        var min = options.Value.MinPasswordLength;
        if (chosen.Length < min)
            throw new InvalidInputProblem($"Choose a password of at least {min} characters (a few unrelated words work well).", "NewPassword");
        if (chosen.Length > 256)
            throw new InvalidInputProblem("Choose a password of at most 256 characters.", "NewPassword");
        if (string.Equals(chosen, email, StringComparison.OrdinalIgnoreCase) || string.Equals(chosen, current, StringComparison.Ordinal))
            throw new InvalidInputProblem("Choose a password that is not your email address or your current password.", "NewPassword");
    }
}
