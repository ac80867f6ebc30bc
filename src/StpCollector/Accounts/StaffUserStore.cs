using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using MimeKit;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Accounts;

/// <summary>Staff accounts: created, listed, disabled and reset by admins; passwords kept only as hashes.</summary>
internal sealed class StaffUserStore(Database database, TimeProvider clock, PasswordHasher<StaffUser> hasher, PasswordRules rules)
{
    private const string Columns = """
        SELECT id AS Id, email AS Email, display_name AS DisplayName, role AS RoleName, must_change_password AS MustChangePasswordFlag,
               security_stamp AS SecurityStamp, failed_sign_ins AS FailedSignIns, locked_until AS LockedUntil, disabled_at AS DisabledAt,
               last_sign_in_at AS LastSignInAt, created_at AS CreatedAt
        FROM staff_users
        """;

    /// <summary>Creates an account with a one-time password the person must change at first sign-in.</summary>
    public async Task<(StaffUser User, string InitialPassword)> AddAsync(string email, StaffRole role, string? displayName,
        CancellationToken cancellationToken = default)
    {
        var address = CheckedEmail(email);
        var password = PasswordRules.NewOneTimePassword();
        var now = DapperSetup.Format(clock.GetUtcNow());
        await using var connection = await database.OpenAsync(cancellationToken);
        try
        {
            // The default hasher does not read the user; hashing first keeps the account one INSERT, never half-made.
            var id = await connection.ExecuteScalarAsync<long>("""
                INSERT INTO staff_users (email, display_name, role, password_hash, must_change_password, security_stamp, created_at, updated_at)
                VALUES (@address, @name, @role, @hash, 1, @stamp, @now, @now) RETURNING id
                """, new { address, name = displayName?.Trim() ?? "", role = role.Name(), hash = hasher.HashPassword(null!, password), stamp = NewStamp(), now });
            return ((await FindAsync(connection, id))!, password);
        }
        catch (DbException e) when (DbErrors.IsUniqueViolation(e))
        {
            throw new ConflictProblem($"There is already an account for {address}. To give them a new password: stpcollector users reset {address}", "EMAIL");
        }
    }

    public async Task<IReadOnlyList<StaffUser>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<StaffUser>($"{Columns} ORDER BY email")).ToList();
    }

    public async Task<StaffUser?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindAsync(connection, id);
    }

    public async Task<StaffUser?> FindAsync(string email, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindByEmailAsync(connection, email.Trim());
    }

    public async Task<StaffUser> GetAsync(string email, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindByEmailAsync(connection, email.Trim())
               ?? throw new NotFoundProblem($"There is no account for {email.Trim()}. See the accounts with: stpcollector users list", "EMAIL");
    }

    /// <summary>Stops the account signing in; its open sessions end at their next request.</summary>
    public Task<StaffUser> DisableAsync(string email, CancellationToken cancellationToken = default) =>
        UpdateAsync(email, "disabled_at = @now, security_stamp = @stamp", cancellationToken);

    public Task<StaffUser> EnableAsync(string email, CancellationToken cancellationToken = default) =>
        UpdateAsync(email, "disabled_at = NULL, failed_sign_ins = 0, locked_until = NULL", cancellationToken);

    public Task<StaffUser> SetRoleAsync(string email, StaffRole role, CancellationToken cancellationToken = default) =>
        UpdateAsync(email, "role = @role, security_stamp = @stamp", cancellationToken, role.Name());

    /// <summary>Gives the account a new one-time password (and unlocks it); every open session ends.</summary>
    public async Task<(StaffUser User, string Password)> ResetAsync(string email, CancellationToken cancellationToken = default)
    {
        var user = await UpdateAsync(email, "failed_sign_ins = 0, locked_until = NULL", cancellationToken);
        var password = PasswordRules.NewOneTimePassword();
        await using var connection = await database.OpenAsync(cancellationToken);
        await SetHashAsync(connection, user, password, mustChange: true);
        return (user, password);
    }

    /// <summary>The person chooses their own password (after checking the current one); other sessions end.</summary>
    public async Task ChangePasswordAsync(long id, string current, string chosen, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var user = await FindAsync(connection, id) ?? throw new NotFoundProblem("Your account no longer exists.");
        if (!await VerifyAsync(connection, user, current))
            throw new InvalidInputProblem("The current password is not right.", "CurrentPassword");
        rules.Check(chosen, user.Email, current);
        await SetHashAsync(connection, user, chosen, mustChange: false);
    }

    internal async Task<bool> VerifyAsync(DbConnection connection, StaffUser user, string password)
    {
        var hash = await connection.ExecuteScalarAsync<string>("SELECT password_hash FROM staff_users WHERE id = @Id", new { user.Id }) ?? "";
        return hash.Length > 0 && hasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Failed;
    }

    internal static Task<StaffUser?> FindAsync(DbConnection connection, long id) =>
        connection.QuerySingleOrDefaultAsync<StaffUser?>($"{Columns} WHERE id = @id", new { id });

    internal static Task<StaffUser?> FindByEmailAsync(DbConnection connection, string email) =>
        connection.QuerySingleOrDefaultAsync<StaffUser?>($"{Columns} WHERE email = @email", new { email });

    internal static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    private async Task SetHashAsync(DbConnection connection, StaffUser user, string password, bool mustChange) =>
        await connection.ExecuteAsync("""
            UPDATE staff_users SET password_hash = @hash, must_change_password = @mustChange, security_stamp = @stamp, updated_at = @now
            WHERE id = @Id
            """, new { hash = hasher.HashPassword(user, password), mustChange, stamp = NewStamp(), now = DapperSetup.Format(clock.GetUtcNow()), user.Id });

    private async Task<StaffUser> UpdateAsync(string email, string set, CancellationToken cancellationToken, string? role = null)
    {
        var user = await GetAsync(email, cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync($"UPDATE staff_users SET {set}, updated_at = @now WHERE id = @Id",
            new { now = DapperSetup.Format(clock.GetUtcNow()), stamp = NewStamp(), user.Id, role });
        return (await FindAsync(connection, user.Id))!;
    }

    private static string CheckedEmail(string email)
    {
        var trimmed = email.Trim();
        if (!MailboxAddress.TryParse(trimmed, out var parsed) || parsed.Address != trimmed || !trimmed.Contains('@', StringComparison.Ordinal)
            || trimmed.EndsWith('@'))
            throw new InvalidInputProblem($"'{email}' is not an email address (e.g. jo.bloggs@local.gov.uk).", "EMAIL");
        return trimmed;
    }
}
