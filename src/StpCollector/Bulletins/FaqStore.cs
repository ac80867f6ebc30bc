using System.Data.Common;
using Dapper;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Bulletins;

/// <summary>One "frequently asked issue or question": its Markdown answer, where it stands, and how many feedback items it was drafted from.</summary>
internal sealed record FaqEntry(long Id, string Slug, string Question, string BodyMarkdown, string Status, long Position, string? SourceFile,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? PublishedAt, DateTimeOffset? RetiredAt, long Sources)
{
    public string Anchor => "faq-" + Slug;
}

/// <summary>A published entry as the bulletin prints it: raised by so many councils since the first of them wrote.</summary>
internal sealed record PublishedFaq(FaqEntry Entry, int RaisedBy, DateTimeOffset? RaisedSince);

/// <summary>
/// The FAQ entries the bulletin prints: drafts staff write from feedback, published ones (in the bulletin by position)
/// and retired ones. Every read first brings in what changed in config/bulletins/faq/ (<see cref="FaqFiles"/>).
/// </summary>
internal sealed class FaqStore(Database database, FaqFiles files, TimeProvider clock)
{
    public const string Draft = "draft";
    public const string Published = "published";
    public const string Retired = "retired";
    public static readonly string[] Statuses = [Draft, Published, Retired];

    private const string Columns = """
        SELECT e.id AS Id, e.slug AS Slug, e.question AS Question, e.body_markdown AS BodyMarkdown, e.status AS Status, e.position AS Position,
               e.source_file AS SourceFile, e.created_at AS CreatedAt, e.updated_at AS UpdatedAt, e.published_at AS PublishedAt,
               e.retired_at AS RetiredAt, (SELECT count(*) FROM faq_sources s WHERE s.faq_id = e.id) AS Sources
        FROM faq_entries e
        """;

    public async Task<IReadOnlyList<FaqEntry>> ListAsync(string? status, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return (await connection.QueryAsync<FaqEntry>($"{Columns} WHERE @status IS NULL OR e.status = @status ORDER BY e.position, e.id", new { status })).ToList();
    }

    /// <summary>
    /// What the next bulletin prints: the published entries in their order, each with how many councils raised it (the
    /// distinct councils among the feedback it was drafted from and the feedback quoting it) and since when.
    /// </summary>
    public async Task<IReadOnlyList<PublishedFaq>> PublishedAsync(CancellationToken cancellationToken)
    {
        var entries = await ListAsync(Published, cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        var raised = (await connection.QueryAsync<(long Id, long Councils, string? Since)>("""
            SELECT r.faq_id, count(DISTINCT f.council_code), min(CASE WHEN f.council_code IS NOT NULL THEN f.received_at END)
            FROM (SELECT faq_id, feedback_id FROM faq_sources UNION SELECT faq_id, id FROM feedback WHERE faq_id IS NOT NULL) r
                 JOIN feedback f ON f.id = r.feedback_id
            GROUP BY r.faq_id
            """)).ToDictionary(r => r.Id);
        return entries.Select(e => raised.TryGetValue(e.Id, out var r) && r.Councils > 0
                ? new PublishedFaq(e, (int)r.Councils, DapperSetup.ParseTimestamp(r.Since!))
                : new PublishedFaq(e, 0, null))
            .ToList();
    }

    public async Task<FaqEntry> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await FindAsync(connection, null, id);
    }

    /// <summary>A new draft after every other entry, with the feedback it was drafted from; returns its id.</summary>
    public async Task<long> CreateDraftAsync(string question, string body, IReadOnlyList<long> feedbackIds, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (DbTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var now = DapperSetup.Format(clock.GetUtcNow());
        var id = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO faq_entries (slug, question, body_markdown, status, position, created_at, updated_at)
            VALUES (@slug, @question, @body, 'draft', (SELECT coalesce(max(position), 0) + 10 FROM faq_entries), @now, @now)
            RETURNING id
            """, new { slug = await FreeSlugAsync(connection, transaction, question), question, body, now }, transaction);
        foreach (var feedbackId in feedbackIds.Distinct())
            await connection.ExecuteAsync("INSERT INTO faq_sources (faq_id, feedback_id) VALUES (@id, @feedbackId)", new { id, feedbackId }, transaction);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    /// <summary>Changes the question, the Markdown or the position; what is not given stays.</summary>
    public async Task<FaqEntry> EditAsync(long id, string? question, string? body, long? position, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await FindAsync(connection, null, id);
        await connection.ExecuteAsync("""
            UPDATE faq_entries SET question = coalesce(@question, question), body_markdown = coalesce(@body, body_markdown),
                   position = coalesce(@position, position), updated_at = @now
            WHERE id = @id
            """, new { id, question, body, position, now = DapperSetup.Format(clock.GetUtcNow()) });
        return await FindAsync(connection, null, id);
    }

    /// <summary>A draft or retired entry goes into the next bulletin.</summary>
    public Task<FaqEntry> PublishAsync(long id, CancellationToken cancellationToken) =>
        MoveAsync(id, Published, "published_at = @now, retired_at = NULL", cancellationToken);

    /// <summary>A draft or published entry leaves the bulletin (and stays listed as retired).</summary>
    public Task<FaqEntry> RetireAsync(long id, CancellationToken cancellationToken) =>
        MoveAsync(id, Retired, "retired_at = @now", cancellationToken);

    private async Task<FaqEntry> MoveAsync(long id, string to, string stamps, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var entry = await FindAsync(connection, null, id);
        if (entry.Status == to)
            throw new ConflictProblem($"FAQ entry #{id} is already {to}.");
        await connection.ExecuteAsync($"UPDATE faq_entries SET status = @to, {stamps}, updated_at = @now WHERE id = @id",
            new { id, to, now = DapperSetup.Format(clock.GetUtcNow()) });
        return await FindAsync(connection, null, id);
    }

    /// <summary>How many councils raised an entry, counted as the bulletin counts them for published ones (<see cref="PublishedAsync"/>).</summary>
    public async Task<int> RaisedByAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>("""
            SELECT count(DISTINCT f.council_code)
            FROM (SELECT feedback_id FROM faq_sources WHERE faq_id = @id UNION SELECT id FROM feedback WHERE faq_id = @id) r
                 JOIN feedback f ON f.id = r.feedback_id
            """, new { id });
    }

    /// <summary>The feedback an entry was drafted from, in the order received.</summary>
    public async Task<IReadOnlyList<long>> SourceIdsAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<long>("""
            SELECT s.feedback_id FROM faq_sources s JOIN feedback f ON f.id = s.feedback_id WHERE s.faq_id = @id ORDER BY f.received_at, f.id
            """, new { id })).ToList();
    }

    /// <summary>A connection after the FAQ files' changes have been brought in.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken);
        await files.SyncAsync(connection, cancellationToken);
        return connection;
    }

    public static async Task<FaqEntry> FindAsync(DbConnection connection, DbTransaction? transaction, long id) =>
        await connection.QuerySingleOrDefaultAsync<FaqEntry?>($"{Columns} WHERE e.id = @id", new { id }, transaction)
        ?? throw new NotFoundProblem($"There is no FAQ entry #{id}. See the entries with: stpcollector faq list", "ID");

    private static async Task<string> FreeSlugAsync(DbConnection connection, DbTransaction transaction, string question)
    {
        var slug = Questionnaires.QuestionnaireFile.Slug(question).Replace('_', '-');
        slug = slug.Length == 0 ? "question" : slug.Length > 60 ? slug[..60].TrimEnd('-') : slug;
        var taken = (await connection.QueryAsync<string>("SELECT slug FROM faq_entries WHERE slug = @slug OR slug LIKE @prefix",
            new { slug, prefix = slug + "-%" }, transaction)).ToHashSet(StringComparer.Ordinal);
        var free = slug;
        for (var n = 2; taken.Contains(free); n++)
            free = $"{slug}-{n}";
        return free;
    }
}
