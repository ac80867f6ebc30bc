using Dapper;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Foi;

/// <summary>The documents councils sent on FoI requests, for staff: what was read from each and what is left to code.</summary>
internal sealed class FoiDocumentStore(Database database, SharedFiles shared)
{
    /// <summary>Read: a spreadsheet read as answers; Answers: how many answers came from it (read or coded by staff).</summary>
    public sealed record Document(long Id, long RequestId, string Reference, string CouncilCode, string Council, string FileName, string ContentType,
        DateTimeOffset ReceivedAt, string Path, bool Read, long Answers, string? Note)
    {
        /// <summary>Nothing has been taken from it yet: neither read as a return nor coded by staff.</summary>
        public bool Uncoded => !Read && Answers == 0;
    }

    /// <summary>What has been taken from a document, as staff read it: read as a return, coded by staff, or still to code.</summary>
    public static string TakenFromIt(Document d) => d switch
    {
        { Read: true } => $"read: {d.Note}",
        { Answers: > 0 } => $"coded: {d.Answers} answer(s)",
        { Note: { } why } => $"not read, to code: {why}",
        _ => "to code",
    };

    public async Task<IReadOnlyList<Document>> ListAsync(bool uncodedOnly, CancellationToken cancellationToken = default) =>
        (await QueryAsync(null, cancellationToken)).Where(d => !uncodedOnly || d.Uncoded).ToList();

    /// <summary>The documents a council sent on one request, oldest first.</summary>
    public Task<IReadOnlyList<Document>> ForRequestAsync(long requestId, CancellationToken cancellationToken = default) =>
        QueryAsync(requestId, cancellationToken);

    /// <summary>One document of a request and its bytes, as the council sent them.</summary>
    public async Task<(Document Document, byte[] Bytes)> ReadAsync(long requestId, long documentId, CancellationToken cancellationToken = default)
    {
        var document = (await QueryAsync(requestId, cancellationToken)).FirstOrDefault(d => d.Id == documentId)
            ?? throw new NotFoundProblem($"{FoiReference.Of(requestId)} has no document {documentId}. See: stpcollector foi documents");
        return (document, shared.InDatabase ? shared.Read(document.Path) : await File.ReadAllBytesAsync(document.Path, cancellationToken));
    }

    private async Task<IReadOnlyList<Document>> QueryAsync(long? requestId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>("""
            SELECT d.id AS Id, d.request_id AS RequestId, r.council_code AS CouncilCode, c.name AS Council, d.file_name AS FileName,
                   d.content_type AS ContentType, d.received_at AS ReceivedAt, d.stored_path AS Path, d.parsed AS Parsed,
                   (SELECT count(*) FROM foi_answers a WHERE a.document_id = d.id) AS Answers, d.note AS Note
            FROM foi_documents d
            JOIN foi_requests r ON r.id = d.request_id
            JOIN councils c ON c.code = r.council_code
            WHERE @requestId IS NULL OR d.request_id = @requestId
            ORDER BY d.id
            """, new { requestId });
        return rows
            .Select(r => new Document(r.Id, r.RequestId, FoiReference.Of(r.RequestId), r.CouncilCode, r.Council, r.FileName, r.ContentType,
                r.ReceivedAt, r.Path, r.Parsed == 1, r.Answers, r.Note))
            .ToList();
    }

    private sealed record Row(long Id, long RequestId, string CouncilCode, string Council, string FileName, string ContentType,
        DateTimeOffset ReceivedAt, string Path, long Parsed, long Answers, string? Note);
}
