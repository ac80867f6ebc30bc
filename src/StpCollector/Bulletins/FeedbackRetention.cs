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
    /// <summary>What replaces the words and the address; every marker starts with this, so a forgotten row is not forgotten again.</summary>
    public const string RemovedPrefix = "(removed after ";

    /// <summary>Forgets the words and address of feedback received before the retention period; returns how many were forgotten now.</summary>
    public async Task<int> ForgetExpiredAsync(CancellationToken cancellationToken)
    {
        var months = options.Value.FeedbackRetentionMonths;
        var cutoff = clock.GetUtcNow().AddMonths(-months);
        var marker = $"{RemovedPrefix}{months} months)";
        await using var connection = await database.OpenAsync(cancellationToken);
        var forgotten = await connection.ExecuteAsync("""
            UPDATE feedback SET words = @marker, sender = @marker, subject = '', subscriber_id = NULL
            WHERE received_at < @cutoff AND sender NOT LIKE @removed
            """, new { marker, cutoff = DapperSetup.Format(cutoff), removed = RemovedPrefix + "%" });
        if (forgotten > 0)
            logger.LogInformation("Words and address of {Count} feedback received before {Cutoff} removed (Bulletins:FeedbackRetentionMonths = {Months})",
                forgotten, cutoff, months);
        return forgotten;
    }
}
