using System.Data.Common;
using Dapper;

namespace StpCollector.Rounds;

/// <summary>
/// What the bulk import asks of SQLite beyond its rows, so that a large file is written at the speed of the table
/// rather than of its upkeep. Both steps keep the result identical to writing row by row with everything on:
/// <list type="bullet">
/// <item>Foreign keys are not probed per row: the import writes each answer's return itself in the same transaction,
/// reads the councils it checks against inside that transaction, and the round exists (it was found); so every
/// reference holds by construction, and SQLite's probe of returns for each of a million answers is pure cost.</item>
/// <item>The secondary index on answers (question, status) is dropped inside the import's transaction and built
/// again, from its own stored definition, before the commit, when the file is large against the table: one sorted
/// build instead of a million scattered inserts. A crash or a rollback restores it with everything else.</item>
/// </list>
/// </summary>
internal static class ImportStorage
{
    private const string DeferredIndex = "ix_answers_question";

    /// <summary>About how many bytes of file hold one answer (a long-layout CSV row is 60-150; a wide row holds many answers per line).</summary>
    private const long BytesPerAnswer = 100;

    public static async Task<ForeignKeysOff> ForeignKeysOffAsync(DbConnection connection)
    {
        await connection.ExecuteAsync("PRAGMA foreign_keys = OFF");
        return new ForeignKeysOff(connection);
    }

    /// <summary>Drops the answers index when the file would add at least as many answers as the table holds; says how to build it again.</summary>
    public static async Task<string?> DeferAnswerIndexAsync(DbConnection connection, DbTransaction transaction, long fileBytes)
    {
        var definition = await connection.ExecuteScalarAsync<string?>(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = @name", new { name = DeferredIndex }, transaction);
        if (definition is null)
            return null;
        var existing = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM answers", transaction: transaction);
        if (fileBytes / BytesPerAnswer < existing)
            return null;
        await connection.ExecuteAsync($"DROP INDEX {DeferredIndex}", transaction: transaction);
        return definition;
    }

    public static Task RestoreAnswerIndexAsync(DbConnection connection, DbTransaction transaction, string? definition) =>
        definition is null ? Task.CompletedTask : connection.ExecuteAsync(definition, transaction: transaction);

    /// <summary>Turns the connection's foreign keys back on before it returns to the pool.</summary>
    public sealed class ForeignKeysOff(DbConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await connection.ExecuteAsync("PRAGMA foreign_keys = ON");
    }
}
