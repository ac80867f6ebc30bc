using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StpCollector.Storage;

namespace StpCollector.Bulletins;

/// <summary>
/// Feedback is personal data: after Bulletins:FeedbackRetentionMonths it loses the person's words, subject and
/// address (and the link to the subscriber), but the row stays, so counts per bulletin and council still add up.
/// Run from the bulletin sweep; forgetting twice changes nothing.
/// </summary>
internal sealed class FeedbackRetention(Database database, TimeProvider clock, IOptions<BulletinOptions> options, ILogger<FeedbackRetention> logger)
{
    /// <summary>Forgets the words and address of feedback received before the retention period; returns how many were forgotten now.</summary>
    public async Task<int> ForgetExpiredAsync(CancellationToken cancellationToken)
    {
        var months = options.Value.FeedbackRetentionMonths;
        var now = clock.GetUtcNow();
        var cutoff = now.AddMonths(-months);
        var marker = $"(removed after {months} months)";
        await using var connection = await database.OpenAsync(cancellationToken);
        var forgotten = await connection.ExecuteAsync("""
            UPDATE feedback SET words = @marker, sender = @marker, subject = '', subscriber_id = NULL, forgotten_at = @now
            WHERE received_at < @cutoff AND forgotten_at IS NULL
            """, new { marker, cutoff = DapperSetup.Format(cutoff), now = DapperSetup.Format(now) });
        if (forgotten > 0)
            logger.LogInformation("Words and address of {Count} feedback received before {Cutoff} removed (Bulletins:FeedbackRetentionMonths = {Months})",
                forgotten, cutoff, months);
        return forgotten;
    }
}
