using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using StpCollector.Shared;

namespace StpCollector.Reports;

/// <summary>Finds a round by its reference (STP-R12) or id, and the round before it of the same questionnaire.</summary>
public static class ReportRounds
{
    private const string Columns = """
        SELECT id AS Id, reference AS Reference, title AS Title, questionnaire_id AS QuestionnaireId,
               opens_at AS OpensAt, closes_at AS ClosesAt, status AS Status
        FROM rounds
        """;

    public static async Task<RoundSummary> GetAsync(SqliteConnection connection, string round)
    {
        var id = long.TryParse(round, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
        var found = await connection.QuerySingleOrDefaultAsync<RoundSummary>(
            $"{Columns} WHERE reference = @round COLLATE NOCASE OR id = @id", new { round = round.Trim(), id });
        if (found is not null)
            return found;
        var recent = await connection.QueryAsync<string>("SELECT reference FROM rounds ORDER BY opens_at DESC LIMIT 5");
        throw new NotFoundProblem(
            $"There is no round '{round}'. Give a round reference or id" +
            (recent.Any() ? $"; recent rounds: {string.Join(", ", recent)}." : "; no rounds have been created yet."), field: "round");
    }

    public static Task<RoundSummary?> PreviousAsync(SqliteConnection connection, RoundSummary round) =>
        connection.QuerySingleOrDefaultAsync<RoundSummary?>($"""
            {Columns}
            WHERE questionnaire_id = @QuestionnaireId AND opens_at < @OpensAt AND status <> 'cancelled'
            ORDER BY opens_at DESC LIMIT 1
            """, new { round.QuestionnaireId, round.OpensAt });

    /// <summary>The newest round of the questionnaire that has any current return: the one a bulletin quotes.</summary>
    public static Task<RoundSummary?> LatestWithReturnsAsync(SqliteConnection connection, string questionnaireId) =>
        connection.QuerySingleOrDefaultAsync<RoundSummary?>($"""
            {Columns} r
            WHERE questionnaire_id = @questionnaireId AND status IN ('open', 'closed')
              AND EXISTS (SELECT 1 FROM returns x WHERE x.round_id = r.id AND x.is_current = 1)
            ORDER BY opens_at DESC LIMIT 1
            """, new { questionnaireId });
}
