using StpCollector.Shared;

namespace StpCollector.Accounts;

/// <summary>Sign-in rules for staff accounts (section "Accounts").</summary>
internal sealed class AccountsOptions
{
    public const string Section = "Accounts";

    /// <summary>Wrong passwords in a row before the account is locked for <see cref="LockoutMinutes"/>.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;

    public int MinPasswordLength { get; set; } = 12;

    internal sealed class Validator : OptionsValidator<AccountsOptions>
    {
        protected override IEnumerable<string> Problems(AccountsOptions options)
        {
            if (options.MaxFailedSignIns is < 1 or > 100)
                yield return $"{Section}:{nameof(MaxFailedSignIns)} must be between 1 and 100 (it is {options.MaxFailedSignIns}).";
            if (options.LockoutMinutes is < 1 or > 24 * 60)
                yield return $"{Section}:{nameof(LockoutMinutes)} must be between 1 and 1440 (it is {options.LockoutMinutes}).";
            if (options.MinPasswordLength is < 8 or > 128)
                yield return $"{Section}:{nameof(MinPasswordLength)} must be between 8 and 128 (it is {options.MinPasswordLength}).";
        }
    }
}
