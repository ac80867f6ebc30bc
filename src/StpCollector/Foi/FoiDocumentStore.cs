using Dapper;
using StpCollector.Storage;

namespace StpCollector.Foi;

/// <summary>The documents councils sent on FoI requests, for staff: what was read from each and what is left to code.</summary>
internal sealed class FoiDocumentStore(Database database)
{
    /// <summary>Read: a spreadsheet read as answers; Answers: how many answers came from it (read or coded by staff).</summary>
    public sealed record Document(long Id, long RequestId, string Reference, string CouncilCode, string Council, string FileName, string ContentType,
        DateTimeOffset ReceivedAt, string Path, bool Read, long Answers, string? Note)
    {
        /// <summary>Nothing has been taken from it yet: neither read as a return nor coded by staff.</summary>
        public bool Uncoded => !Read && Answers == 0;
    }

    public async Task<IReadOnlyList<Document>> ListAsync(bool uncodedOnly, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>("""
            SELECT d.id AS Id, d.request_id AS RequestId, r.council_code AS CouncilCode, c.name AS Council, d.file_name AS FileName,
                   d.content_type AS ContentType, d.received_at AS ReceivedAt, d.stored_path AS Path, d.parsed AS Parsed,
                   (SELECT count(*) FROM foi_answers a WHERE a.document_id = d.id) AS Answers, d.note AS Note
            FROM foi_documents d
            JOIN foi_requests r ON r.id = d.request_id
            JOIN councils c ON c.code = r.council_code
            ORDER BY d.id
            """);
        return rows
            .Select(r => new Document(r.Id, r.RequestId, FoiReference.Of(r.RequestId), r.CouncilCode, r.Council, r.FileName, r.ContentType,
                r.ReceivedAt, r.Path, r.Parsed == 1, r.Answers, r.Note))
            .Where(d => !uncodedOnly || d.Uncoded)
            .ToList();
    }

    private sealed record Row(long Id, long RequestId, string CouncilCode, string Council, string FileName, string ContentType,
        DateTimeOffset ReceivedAt, string Path, long Parsed, long Answers, string? Note);
}
