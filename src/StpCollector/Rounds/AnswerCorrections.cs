using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using StpCollector.Ingestion;
using StpCollector.Questionnaires;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Rounds;

/// <summary>A staff correction of one answer: what it replaced, what the officer typed and what it means, and why.</summary>
internal sealed record AnswerCorrection(long Id, long ReturnId, string QuestionId, long Version, string? OriginalValue, string RawValue, string? Value,
    double? NumberValue, string Reason, string CorrectedBy, DateTimeOffset CorrectedAt);

/// <summary>
/// Officers correct an answer a council sent (`returns correct`, the return page's Correct link). What the council sent is
/// never changed: each correction is kept beside it, the latest one is the value reports and exports use, and both are shown.
/// The new value is checked by the question's type exactly as an import checks it; a reason is required.
/// </summary>
internal sealed class AnswerCorrections(Database database, QuestionnaireCatalog catalog, TimeProvider clock)
{
    internal const int MaxReasonLength = 500;

    /// <summary>The answer as corrections start from it: the return's round and question, the council's answer, and the corrections so far (oldest first).</summary>
    public sealed record Target(long ReturnId, Round Round, string CouncilCode, bool IsCurrent, Question Question, string? SentRaw, string? SentValue, string SentStatus,
        IReadOnlyList<AnswerCorrection> History)
    {
        public long Version => History.Count == 0 ? 0 : History[^1].Version;

        /// <summary>The value that counts now: the latest correction's, or the council's own.</summary>
        public string? Current => History.Count == 0 ? SentValue ?? SentRaw : History[^1].Value;
    }

    private const string SelectSql = """
        SELECT id AS Id, return_id AS ReturnId, question_id AS QuestionId, version AS Version, original_value AS OriginalValue, raw_value AS RawValue,
               value AS Value, number_value AS NumberValue, reason AS Reason, corrected_by AS CorrectedBy, corrected_at AS CorrectedAt
        FROM answer_corrections
        """;

    /// <summary>Every correction of a return's answers, oldest first, keyed by question.</summary>
    internal static async Task<ILookup<string, AnswerCorrection>> OfReturnAsync(DbConnection connection, long returnId, DbTransaction? transaction = null) =>
        (await connection.QueryAsync<AnswerCorrection>($"{SelectSql} WHERE return_id = @returnId ORDER BY question_id, version", new { returnId }, transaction))
        .ToLookup(c => c.QuestionId, StringComparer.OrdinalIgnoreCase);

    public async Task<Target> GetAsync(long returnId, string questionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await TargetAsync(connection, null, returnId, questionId);
    }

    /// <summary>
    /// Records a correction made from <paramref name="seenVersion"/> (the number of corrections the officer saw; null: whatever is latest,
    /// as the command line does). A colleague's correction since then is a conflict and nothing is saved.
    /// </summary>
    public async Task<(Target Before, AnswerCorrection Correction)> CorrectAsync(long returnId, string questionId, string value, string reason, long? seenVersion,
        string correctedBy, CancellationToken cancellationToken)
    {
        reason = reason.Trim();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (DbTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var target = await TargetAsync(connection, transaction, returnId, questionId);
        var checkedAnswer = AnswerNormaliser.Check(target.Question, value);
        if (checkedAnswer.Status == AnswerStatus.Missing)
            throw new InvalidInputProblem($"Type the corrected answer to {target.Question.Id}: {target.Question.AnswerHint}.", field: "Value");
        if (checkedAnswer.Status == AnswerStatus.Invalid)
            throw new InvalidInputProblem(checkedAnswer.Problem ?? $"That is not an answer {target.Question.Id} takes: {target.Question.AnswerHint}.", field: "Value");
        if (reason.Length == 0)
            throw new InvalidInputProblem("Say why the answer is corrected (for example: the council confirmed it by phone on 3 December)", field: "Reason");
        if (reason.Length > MaxReasonLength)
            throw new InvalidInputProblem($"Keep the reason under {MaxReasonLength} characters", field: "Reason");
        if (seenVersion is { } seen && seen != target.Version)
            throw Conflict(target);

        var now = clock.GetUtcNow();
        try
        {
            await connection.ExecuteAsync("""
                INSERT INTO answers (return_id, question_id, raw_value, value, number_value, status, problem)
                VALUES (@returnId, @QuestionId, NULL, NULL, NULL, 'missing', 'not answered')
                ON CONFLICT DO NOTHING
                """, new { returnId, QuestionId = target.Question.Id }, transaction);
            var id = await connection.ExecuteScalarAsync<long>("""
                INSERT INTO answer_corrections (return_id, question_id, version, original_value, raw_value, value, number_value, comment, reason, corrected_by, corrected_at)
                VALUES (@returnId, @QuestionId, @version, @original, @raw, @Value, @Number, @Comment, @reason, @correctedBy, @now)
                RETURNING id
                """, new
                {
                    returnId, QuestionId = target.Question.Id, version = target.Version + 1, original = target.Current, raw = value.Trim(), checkedAnswer.Value,
                    checkedAnswer.Number, checkedAnswer.Comment, reason, correctedBy, now = DapperSetup.Format(now),
                }, transaction);
            await transaction.CommitAsync(cancellationToken);
            return (target, new AnswerCorrection(id, returnId, target.Question.Id, target.Version + 1, target.Current, value.Trim(), checkedAnswer.Value,
                checkedAnswer.Number, reason, correctedBy, now));
        }
        catch (DbException e) when (DbErrors.IsUniqueViolation(e))
        {
            // A colleague's correction from the same version was committed first (the unique version refused this one).
            throw Conflict(await GetAsync(returnId, questionId, cancellationToken));
        }
    }

    private static ConflictProblem Conflict(Target now)
    {
        var latest = now.History[^1];
        return new ConflictProblem($"{latest.CorrectedBy} corrected this answer since you opened it (now: {latest.Value}). " +
            "Your correction was not saved: check it and save again.", field: "Value");
    }

    private async Task<Target> TargetAsync(DbConnection connection, DbTransaction? transaction, long returnId, string questionId)
    {
        var owner = await connection.QuerySingleOrDefaultAsync<(long RoundId, string CouncilCode, bool IsCurrent)?>(
            "SELECT round_id, council_code, is_current FROM returns WHERE id = @returnId", new { returnId }, transaction)
            ?? throw new NotFoundProblem($"There is no return #{returnId}.", field: "return");
        var round = await Round.GetAsync(connection, owner.RoundId, transaction);
        var question = catalog.Find(round.QuestionnaireId)?.Find(questionId)
            ?? throw new NotFoundProblem($"Return #{returnId} has no question '{questionId}' (questionnaire {round.QuestionnaireId}).", field: "question");
        var sent = await connection.QuerySingleOrDefaultAsync<(string? Raw, string? Value, string Status)?>(
            "SELECT raw_value, value, status FROM answers WHERE return_id = @returnId AND question_id = @Id COLLATE NOCASE", new { returnId, question.Id }, transaction);
        var history = (await OfReturnAsync(connection, returnId, transaction))[question.Id].ToList();
        return new Target(returnId, round, owner.CouncilCode, owner.IsCurrent, question, sent?.Raw, sent?.Value, sent?.Status ?? "missing", history);
    }
}
