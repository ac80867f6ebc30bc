using Dapper;
using Microsoft.Extensions.Logging;
using StpCollector.Outbox;
using StpCollector.Storage;

namespace StpCollector.Rounds;

/// <summary>
/// Closes rounds at their deadline and withdraws reminders that would arrive too late or to a council that has
/// answered since they were queued (the SMTP server may have been down); a reminder chasing a partial return is
/// withdrawn only when a newer return arrives. Returns after the close are still
/// accepted; the ingestion pipeline flags them late (see <see cref="RoundDelivery.IsLateAsync"/>).
/// </summary>
internal sealed class RoundClosing(Database database, TimeProvider clock, ILogger<RoundClosing> logger)
{
    /// <summary>Closes the rounds past their deadline; returns one phrase per round closed, for the sweep's summary.</summary>
    public async Task<IReadOnlyList<string>> CloseDueAsync(CancellationToken cancellationToken)
    {
        var done = new List<string>();
        await using var connection = await database.OpenAsync(cancellationToken);
        var now = DapperSetup.Format(clock.GetUtcNow());
        await using var transaction = connection.BeginTransaction();
        var closed = (await connection.QueryAsync<(long Id, string Reference)>("""
            UPDATE rounds SET status = 'closed', closed_at = @now
            WHERE status = 'open' AND closes_at <= @now
            RETURNING id, reference
            """, new { now }, transaction)).ToList();
        foreach (var (id, reference) in closed)
        {
            var withdrawn = await OutboxMessages.CancelPendingAsync(Round.TopicFor(id), [RoundMailBuilder.Reminder],
                "The round closed before this reminder could be sent.", connection, transaction);
            logger.LogInformation("Round {Round} closed at its deadline{Withdrawn}", reference,
                withdrawn > 0 ? $"; {withdrawn} unsent reminder(s) withdrawn" : "");
            done.Add($"closed {reference}" + (withdrawn > 0 ? $" ({withdrawn} unsent reminder(s) withdrawn)" : ""));
        }

        await transaction.CommitAsync(cancellationToken);
        return done;
    }

    /// <summary>Returns how many reminders it withdrew.</summary>
    public async Task<int> WithdrawRemindersToRespondersAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        var pending = await OutboxMessages.PendingAsync(RoundMailBuilder.Reminder, connection, transaction);
        var answered = pending.Count == 0 ? [] : (await connection.QueryAsync<long>($"""
            SELECT rr.outbox_id FROM round_reminders rr
            JOIN returns r ON r.round_id = rr.round_id AND r.council_code = rr.council_code AND r.is_current = 1
            WHERE (rr.return_id IS NULL OR r.id <> rr.return_id) AND rr.outbox_id {connection.In("pending")}
            """, new { pending }, transaction)).ToList();
        var withdrawn = await OutboxMessages.CancelPendingAsync(answered, "The council responded before this reminder was sent.", connection, transaction);
        await transaction.CommitAsync(cancellationToken);
        if (withdrawn > 0)
            logger.LogInformation("Withdrew {Count} unsent reminder(s) to councils that have responded since they were queued", withdrawn);
        return withdrawn;
    }
}
