using System.Data.Common;
using Dapper;

namespace StpCollector.Storage;

/// <summary>
/// Files every worker must be able to read: the raw archive of what came in, and FoI documents. On SQLite (one machine)
/// the features keep them as files in the data dir. On PostgreSQL (workers on several machines, each with its own data
/// dir) they are rows of shared_files, keyed by the path the file would have had, so every worker reads the same ones.
/// </summary>
internal sealed class SharedFiles(Database database, TimeProvider clock)
{
    /// <summary>True when files live in the database (PostgreSQL); false when the caller keeps them in the data dir.</summary>
    public bool InDatabase => database.IsPostgreSql;

    /// <summary>Stores the bytes and commits before returning; storing the same path again keeps the first copy.</summary>
    public void Store(string relative, byte[] bytes)
    {
        using var connection = database.Open();
        connection.Execute(InsertSql, Parameters(relative, bytes));
    }

    /// <summary>Stores the bytes as part of the caller's transaction.</summary>
    public Task StoreAsync(DbConnection connection, DbTransaction? transaction, string relative, byte[] bytes) =>
        connection.ExecuteAsync(InsertSql, Parameters(relative, bytes), transaction);

    public byte[] Read(string relative)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<byte[]>("SELECT content FROM shared_files WHERE path = @relative", new { relative })
            ?? throw new FileNotFoundException($"The stored file {relative} is not in {database.Description}.", relative);
    }

    private const string InsertSql = """
        INSERT INTO shared_files (path, content, stored_at) VALUES (@relative, @bytes, @now)
        ON CONFLICT (path) DO NOTHING
        """;

    private object Parameters(string relative, byte[] bytes) =>
        new { relative = relative.Replace('\\', '/'), bytes, now = DapperSetup.Format(clock.GetUtcNow()) };
}
