using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace StpCollector.Rounds;

internal sealed record RoundInfo(long Id, string Reference, string Title, string QuestionnaireId, string Status, string ClosesAt)
{
    public string Topic => Round.TopicFor(Id);
}

/// <summary>A round as a reply, a file or an import names it, inside the caller's transaction.</summary>
internal static class RoundLookup
{
    private const string Select = """
        SELECT id AS Id, reference AS Reference, title AS Title, questionnaire_id AS QuestionnaireId, status AS Status, closes_at AS ClosesAt
        FROM rounds
        """;

    public static Task<RoundInfo?> ByIdAsync(SqliteConnection connection, SqliteTransaction? transaction, long id) =>
        connection.QuerySingleOrDefaultAsync<RoundInfo>($"{Select} WHERE id = @id", new { id }, transaction);

    /// <summary>A round by its reference (STP-R12, any case) or its number.</summary>
    public static async Task<RoundInfo?> FindAsync(SqliteConnection connection, SqliteTransaction? transaction, string key)
    {
        var byReference = await connection.QuerySingleOrDefaultAsync<RoundInfo>($"{Select} WHERE reference = @key COLLATE NOCASE", new { key = key.Trim() }, transaction);
        if (byReference is not null)
            return byReference;
        return long.TryParse(key.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? await ByIdAsync(connection, transaction, id) : null;
    }

    public static async Task<IReadOnlyList<RoundInfo>> AllAsync(SqliteConnection connection, SqliteTransaction? transaction) =>
        (await connection.QueryAsync<RoundInfo>($"{Select} ORDER BY id", transaction: transaction)).ToList();

    public static Task<bool> InRoundAsync(SqliteConnection connection, SqliteTransaction? transaction, long roundId, string councilCode) =>
        connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM round_councils WHERE round_id = @roundId AND council_code = @councilCode)",
            new { roundId, councilCode }, transaction);
}
