using System.Data.Common;
using System.Globalization;
using Dapper;
using StpCollector.Shared;

namespace StpCollector.Rounds;

internal sealed partial record Round
{
    /// <summary>
    /// A round as people name it: its reference (STP-R12, any case) or its number; null when there is none.
    /// The one round lookup: reports, imports, files and replies all find rounds through it.
    /// </summary>
    public static async Task<Round?> FindAsync(DbConnection connection, string key, DbTransaction? transaction = null)
    {
        var byReference = await connection.QuerySingleOrDefaultAsync<Round>($"{SelectSql} WHERE reference = @key COLLATE NOCASE", new { key = key.Trim() }, transaction);
        if (byReference is not null)
            return byReference;
        return long.TryParse(key.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? await FindAsync(connection, id, transaction) : null;
    }

    public static Task<Round?> FindAsync(DbConnection connection, long id, DbTransaction? transaction = null) =>
        connection.QuerySingleOrDefaultAsync<Round>($"{SelectSql} WHERE id = @id", new { id }, transaction);

    /// <summary>The round with this id, or a not-found problem naming it.</summary>
    public static async Task<Round> GetAsync(DbConnection connection, long id, DbTransaction? transaction = null) =>
        await FindAsync(connection, id, transaction)
        ?? throw new NotFoundProblem($"There is no round {id}. See the rounds with: stpcollector round list", field: "round");

    /// <summary>Every round, oldest first, inside the caller's transaction.</summary>
    public static async Task<IReadOnlyList<Round>> AllAsync(DbConnection connection, DbTransaction? transaction = null) =>
        (await connection.QueryAsync<Round>($"{SelectSql} ORDER BY id", transaction: transaction)).ToList();

    /// <summary>The round of the same questionnaire that opened last before this one (cancelled rounds aside): the one a report compares with.</summary>
    public static Task<Round?> PreviousAsync(DbConnection connection, Round round) =>
        connection.QuerySingleOrDefaultAsync<Round>($"""
            {SelectSql}
            WHERE questionnaire_id = @QuestionnaireId AND opens_at < @OpensAt AND status <> 'cancelled'
            ORDER BY opens_at DESC LIMIT 1
            """, new { round.QuestionnaireId, round.OpensAt });
}
