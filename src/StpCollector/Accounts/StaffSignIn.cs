using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using StpCollector.Storage;

namespace StpCollector.Accounts;

internal enum SignInOutcome
{
    SignedIn,
    NotRecognised,
    LockedOut,
    Disabled,
}

/// <summary>The outcome; <paramref name="JustLocked"/> when this attempt is the one that locked the account.</summary>
internal sealed record SignInResult(SignInOutcome Outcome, StaffUser? User, DateTimeOffset? LockedUntil = null, bool JustLocked = false);

/// <summary>Checks an email and password, counting failures and locking the account after too many in a row.</summary>
internal sealed class StaffSignIn(Database database, StaffUserStore users, PasswordHasher<StaffUser> hasher, TimeProvider clock,
    IOptions<AccountsOptions> options)
{
    // Hashed once so an unknown address costs as much time as a wrong password (no account enumeration by timing).
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<StaffUser>().HashPassword(null!, "decoy password"));

    public async Task<SignInResult> CheckAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        var user = await StaffUserStore.FindByEmailAsync(connection, email.Trim());
        if (user is null)
        {
            hasher.VerifyHashedPassword(null!, DecoyHash.Value, password);
            return new SignInResult(SignInOutcome.NotRecognised, null);
        }

        if (user.IsDisabled)
            return new SignInResult(SignInOutcome.Disabled, user);
        if (user.IsLockedAt(now))
            return new SignInResult(SignInOutcome.LockedOut, user, user.LockedUntil);

        if (await users.VerifyAsync(connection, user, password))
        {
            await connection.ExecuteAsync("UPDATE staff_users SET failed_sign_ins = 0, locked_until = NULL, last_sign_in_at = @now WHERE id = @Id",
                new { now = DapperSetup.Format(now), user.Id });
            return new SignInResult(SignInOutcome.SignedIn, (await StaffUserStore.FindAsync(connection, user.Id))!);
        }

        var failures = user.FailedSignIns + 1;
        var limit = options.Value.MaxFailedSignIns;
        var lockedUntil = failures >= limit ? now.AddMinutes(options.Value.LockoutMinutes) : (DateTimeOffset?)null;
        await connection.ExecuteAsync("UPDATE staff_users SET failed_sign_ins = @failures, locked_until = @until WHERE id = @Id",
            new { failures = lockedUntil is null ? failures : 0, until = lockedUntil is { } u ? DapperSetup.Format(u) : null, user.Id });
        return lockedUntil is null
            ? new SignInResult(SignInOutcome.NotRecognised, user)
            : new SignInResult(SignInOutcome.LockedOut, user, lockedUntil, JustLocked: true);
    }
}
