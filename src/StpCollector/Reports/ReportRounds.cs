using System.Data.Common;
using Dapper;
using StpCollector.Rounds;
using StpCollector.Shared;

namespace StpCollector.Reports;

/// <summary>The round a report is asked for (by reference or id), and the newest round with returns, which a bulletin quotes.</summary>
internal static class ReportRounds
{
    public static async Task<Round> GetAsync(DbConnection connection, string round)
    {
        var found = await Round.FindAsync(connection, round);
        if (found is not null)
            return found;
        var recent = await connection.QueryAsync<string>("SELECT reference FROM rounds ORDER BY opens_at DESC LIMIT 5");
        throw new NotFoundProblem(
            $"There is no round '{round}'. Give a round reference or id" +
            (recent.Any() ? $"; recent rounds: {string.Join(", ", recent)}." : "; no rounds have been created yet."), field: "round");
    }

    /// <summary>The newest round of the questionnaire that has any current return: the one a bulletin quotes.</summary>
    public static Task<Round?> LatestWithReturnsAsync(DbConnection connection, string questionnaireId) =>
        connection.QuerySingleOrDefaultAsync<Round?>($"""
            {Round.SelectSql} r
            WHERE questionnaire_id = @questionnaireId AND status IN ('open', 'closed')
              AND EXISTS (SELECT 1 FROM returns x WHERE x.round_id = r.id AND x.is_current = 1)
            ORDER BY opens_at DESC LIMIT 1
            """, new { questionnaireId });
}
