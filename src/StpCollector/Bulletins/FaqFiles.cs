using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Bulletins;

/// <summary>
/// config/bulletins/faq/NN-name.md stays the way to edit the FAQ by hand. Each file is imported once as a published
/// entry (slug NN-name, after the entries there are); later, when the file's content changes (its SHA-256 differs from
/// the one imported), its question and answer replace the entry's, whatever its status. An unchanged file never
/// overwrites what `faq edit` did, and removing a file removes nothing: retire the entry with `faq retire`.
/// </summary>
internal sealed class FaqFiles(AppPaths paths, TimeProvider clock)
{
    public string Folder => Path.Combine(paths.BulletinsDir, "faq");

    public string PathOf(string sourceFile) => Path.Combine(Folder, sourceFile);

    public async Task SyncAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Folder))
            return;
        var imported = (await connection.QueryAsync<(string File, string? Hash)>(
                "SELECT source_file, source_hash FROM faq_entries WHERE source_file IS NOT NULL"))
            .ToDictionary(r => r.File, r => r.Hash, StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Folder, "*.md").Order(StringComparer.Ordinal))
        {
            var bytes = await File.ReadAllBytesAsync(file, cancellationToken);
            var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
            var name = Path.GetFileName(file);
            if (imported.TryGetValue(name, out var known) && known == hash)
                continue;
            var (question, body) = Split(Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF'), file);
            var now = DapperSetup.Format(clock.GetUtcNow());
            if (known is null && !imported.ContainsKey(name))
                await connection.ExecuteAsync("""
                    INSERT INTO faq_entries (slug, question, body_markdown, status, position, source_file, source_hash, created_at, updated_at, published_at)
                    VALUES (@slug, @question, @body, 'published', (SELECT coalesce(max(position), 0) + 10 FROM faq_entries), @name, @hash, @now, @now, @now)
                    ON CONFLICT (slug) DO NOTHING
                    """, new { slug = SlugOf(name), question, body, name, hash, now });
            else
                await connection.ExecuteAsync("""
                    UPDATE faq_entries SET question = @question, body_markdown = @body, source_hash = @hash, updated_at = @now WHERE source_file = @name
                    """, new { question, body, name, hash, now });
        }
    }

    /// <summary>The anchor the file has always had in the bulletin: faq-01-social-care for 01-social-care.md.</summary>
    public static string SlugOf(string fileName) =>
        Questionnaires.QuestionnaireFile.Slug(Path.GetFileNameWithoutExtension(fileName)).Replace('_', '-');

    /// <summary>The first heading is the question; the rest the answer.</summary>
    public static (string Question, string Body) Split(string markdown, string what)
    {
        var lines = markdown.Replace("\r\n", "\n").Split('\n').ToList();
        var headingAt = lines.FindIndex(l => l.TrimStart().StartsWith('#'));
        if (headingAt < 0)
            throw new UnavailableProblem($"Bulletin FAQ {what}: start it with the question as a heading, e.g. \"## Are social care pressures recognised in STPs?\".");
        return (lines[headingAt].Trim().TrimStart('#').Trim(), string.Join('\n', lines.Skip(headingAt + 1)).Trim());
    }
}
