using Dapper;
using StpCollector.Storage;

namespace StpCollector.Reports;

/// <summary>The counts the console's dashboard opens with: rounds open now, what waits for staff, what mail went wrong.</summary>
internal sealed record Dashboard(IReadOnlyList<OpenRoundStanding> OpenRounds, long Held, long FailedMail, long BouncedMail, long Waiting);

/// <summary>Reads the dashboard's figures in one connection; a read-only report over every feature's tables.</summary>
internal sealed class DashboardFigures(Database database, TimeProvider clock)
{
    public const int BounceWindowDays = 30;

    public async Task<Dashboard> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rounds = await RoundActivity.OpenRoundsAsync(connection);
        var counts = await connection.QuerySingleAsync<(long Held, long Failed, long Bounced, long Waiting)>("""
            SELECT (SELECT count(*) FROM inbound_messages WHERE outcome = 'held'),
                   (SELECT count(*) FROM outbox WHERE status = 'failed'),
                   (SELECT count(*) FROM outbox WHERE bounced_at >= @since),
                   (SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending'))
            """, new { since = DapperSetup.Format(clock.GetUtcNow().AddDays(-BounceWindowDays)) });
        return new Dashboard(rounds, counts.Held, counts.Failed, counts.Bounced, counts.Waiting);
    }
}
