using Dapper;
using StpCollector.Outbox;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Rounds;

/// <summary>What staff change on an existing round: its deadline, or cancelling it.</summary>
internal sealed class RoundChanges(Database database, TimeProvider clock)
{
    /// <summary>Moves the close later. A closed round whose new close is still ahead opens again; reminders not yet sent follow the new date.</summary>
    public Task<Round> ExtendAsync(long id, string closesText, CancellationToken cancellationToken) => ExtendAsync(id, closesText, null, cancellationToken);

    /// <summary>
    /// As <see cref="ExtendAsync(long, string, CancellationToken)"/>, refusing when the round was changed by staff since
    /// <paramref name="version"/> was read (the console's form carries it; the CLI passes null and always wins).
    /// </summary>
    public async Task<Round> ExtendAsync(long id, string closesText, long? version, CancellationToken cancellationToken)
    {
        var closes = RoundTimes.Parse(closesText, "--closes", clock);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        var round = await Round.GetAsync(connection, id, transaction);
        if (round.Status == RoundStatus.Cancelled)
            throw new ConflictProblem($"Round {round.Reference} was cancelled; it cannot be extended. Create a new round instead.");
        if (version is not null && await connection.ExecuteScalarAsync<long>("SELECT version FROM rounds WHERE id = @id", new { id }, transaction) != version)
            throw ChangedMeanwhile(round);
        if (closes <= round.ClosesAt)
            throw new InvalidInputProblem($"--closes ({RoundTimes.Show(closes)}) must be later than the round's current close ({RoundTimes.Show(round.ClosesAt)}), London time.", field: "closes");
        if (closes <= clock.GetUtcNow())
            throw new InvalidInputProblem($"--closes ({RoundTimes.Show(closes)}) is in the past.", field: "closes");

        var changed = await connection.ExecuteAsync("""
            UPDATE rounds SET closes_at = @closes,
                   status = CASE status WHEN 'closed' THEN 'open' ELSE status END,
                   closed_at = NULL, version = version + 1
            WHERE id = @id AND (@version IS NULL OR version = @version)
            """, new { id, closes = DapperSetup.Format(closes), version }, transaction);
        if (changed == 0)
            throw ChangedMeanwhile(round);

        await OutboxMessages.ExpirePendingAtAsync(round.Topic, RoundMailBuilder.Reminder, closes, connection, transaction);
        var extended = await Round.GetAsync(connection, id, transaction);
        await transaction.CommitAsync(cancellationToken);
        return extended;
    }

    private static ConflictProblem ChangedMeanwhile(Round round) => new(
        $"Someone changed round {round.Reference} since you opened it (now: it closes {RoundTimes.Show(round.ClosesAt)}, London time, and is {round.Status}). " +
        "Your change was not saved: check it and save again.", field: "closes");

    /// <summary>The round's version: how many times staff changed it. An edit form carries it, so a colleague's change in between is noticed.</summary>
    public async Task<long> VersionAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>("SELECT version FROM rounds WHERE id = @id", new { id })
            ?? throw new NotFoundProblem($"There is no round {id}. See the rounds with: stpcollector round list", field: "round");
    }

    /// <summary>Cancels the round and every invitation and reminder of it not yet sent. Returns the round and how many messages were withdrawn.</summary>
    public async Task<(Round Round, int Withdrawn)> CancelAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        var round = await Round.GetAsync(connection, id, transaction);
        if (round.Status == RoundStatus.Cancelled)
            throw new ConflictProblem($"Round {round.Reference} is already cancelled.");
        var now = DapperSetup.Format(clock.GetUtcNow());
        await connection.ExecuteAsync("UPDATE rounds SET status = 'cancelled', cancelled_at = @now, version = version + 1 WHERE id = @id", new { id, now }, transaction);
        var withdrawn = await OutboxMessages.CancelPendingAsync(round.Topic, [RoundMailBuilder.Invitation, RoundMailBuilder.Reminder],
            "The round was cancelled.", connection, transaction);
        var cancelled = await Round.GetAsync(connection, id, transaction);
        await transaction.CommitAsync(cancellationToken);
        return (cancelled, withdrawn);
    }
}
