using System.Data.Common;
using Dapper;
using StpCollector.Contacts;
using StpCollector.Mail;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Bulletins;

internal sealed record Subscriber(long Id, string Email, string Name, string Status, string UnsubscribeToken, long HardBounces, long SoftBounces,
    string? StatusReason, DateTimeOffset CreatedAt);

/// <summary>The last bounce counted against a subscriber: when, and what the receiving server said.</summary>
internal sealed record SubscriberBounce(long Id, DateTimeOffset At, string Reason);

/// <summary>Bulletin subscribers. Each gets a signed unsubscribe token when added; unsubscribed and suspended ones are kept so imports do not re-add them.</summary>
internal sealed class SubscriberStore(Database database, ReplyTokens tokens, TimeProvider clock)
{
    public const string Active = "active";
    public const string Unsubscribed = "unsubscribed";
    public const string Suspended = "suspended";

    private const string Columns = """
        SELECT id AS Id, email AS Email, name AS Name, status AS Status, unsubscribe_token AS UnsubscribeToken,
               hard_bounces AS HardBounces, soft_bounces AS SoftBounces, status_reason AS StatusReason, created_at AS CreatedAt
        FROM subscribers
        """;

    public async Task<IReadOnlyList<Subscriber>> ListAsync(bool activeOnly, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ListAsync(connection, null, activeOnly);
    }

    public static async Task<IReadOnlyList<Subscriber>> ListAsync(DbConnection connection, DbTransaction? transaction, bool activeOnly) =>
        (await connection.QueryAsync<Subscriber>(
            $"{Columns} WHERE (@activeOnly = 0 OR status = 'active') ORDER BY email", new { activeOnly }, transaction)).ToList();

    public static Task<Subscriber?> FindAsync(DbConnection connection, DbTransaction? transaction, string email) =>
        connection.QuerySingleOrDefaultAsync<Subscriber?>($"{Columns} WHERE email = @email", new { email = EmailAddress.Normalise(email) }, transaction);

    public static Task<Subscriber?> FindAsync(DbConnection connection, DbTransaction? transaction, long id) =>
        connection.QuerySingleOrDefaultAsync<Subscriber?>($"{Columns} WHERE id = @id", new { id }, transaction);

    public async Task<Subscriber> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindAsync(connection, null, id)
            ?? throw new NotFoundProblem($"There is no subscriber {id} (see: stpcollector subscribers list).");
    }

    /// <summary>Each bounced subscriber's last bounce, by subscriber id.</summary>
    public async Task<IReadOnlyDictionary<long, SubscriberBounce>> LastBouncesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<SubscriberBounce>("""
            SELECT id AS Id, last_bounce_at AS At, COALESCE(last_bounce_reason, '') AS Reason
            FROM subscribers WHERE last_bounce_at IS NOT NULL
            """)).ToDictionary(b => b.Id);
    }

    /// <summary>Adds or re-activates a subscriber (an explicit add resubscribes and clears bounce counts). Returns true when new.</summary>
    public async Task<(Subscriber Subscriber, bool Added)> AddAsync(string email, string? name, CancellationToken cancellationToken = default)
    {
        var address = EmailAddress.Normalise(email);
        if (!EmailAddress.IsValid(address))
            throw new InvalidInputProblem($"'{email}' is not a valid email address.", field: "email");
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (DbTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var existing = await FindAsync(connection, transaction, address);
        var now = DapperSetup.Format(clock.GetUtcNow());
        if (existing is null)
            await InsertAsync(connection, transaction, address, name ?? "", now);
        else
            await connection.ExecuteAsync("""
                UPDATE subscribers SET name = COALESCE(@name, name), status = 'active', hard_bounces = 0, soft_bounces = 0,
                       last_bounce_topic = NULL, status_changed_at = CASE WHEN status <> 'active' THEN @now ELSE status_changed_at END,
                       status_reason = CASE WHEN status <> 'active' THEN 'added again by staff' ELSE status_reason END, updated_at = @now
                WHERE id = @Id
                """, new { existing.Id, name, now }, transaction);
        var subscriber = (await FindAsync(connection, transaction, address))!;
        await transaction.CommitAsync(cancellationToken);
        return (subscriber, existing is null);
    }

    /// <summary>Inserts a new active subscriber and signs its unsubscribe token with the new id.</summary>
    public async Task<long> InsertAsync(DbConnection connection, DbTransaction transaction, string email, string name, string now)
    {
        var id = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO subscribers (email, name, status, created_at, updated_at) VALUES (@email, @name, 'active', @now, @now) RETURNING id
            """, new { email, name, now }, transaction);
        await connection.ExecuteAsync("UPDATE subscribers SET unsubscribe_token = @token WHERE id = @id",
            new { id, token = tokens.Create(TokenFor(id)) }, transaction);
        return id;
    }

    public static ReplyToken TokenFor(long subscriberId) => new(ReplyToken.Subscriber, subscriberId, "u");

    /// <summary>Removes a subscriber entirely (staff request); returns false when there was none.</summary>
    public async Task<bool> RemoveAsync(string email, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync("DELETE FROM subscribers WHERE email = @email", new { email = EmailAddress.Normalise(email) }) > 0;
    }

    public static Task<int> SetStatusAsync(DbConnection connection, DbTransaction transaction, long id, string status, string reason, DateTimeOffset now) =>
        connection.ExecuteAsync("""
            UPDATE subscribers SET status = @status, status_reason = @reason, status_changed_at = @now, updated_at = @now
            WHERE id = @id AND status <> @status
            """, new { id, status, reason, now = DapperSetup.Format(now) }, transaction);
}
