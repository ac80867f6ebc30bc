using System.Data.Common;
using Dapper;
using StpCollector.Calendar;
using StpCollector.Outbox;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Foi;

/// <summary>Reads requests with their statutory dates, worked out from the current holiday list.</summary>
internal sealed class FoiRequestStore(Database database, HolidayCalendarStore calendars, TimeProvider clock)
{
    public sealed record Row(long Id, long BatchId, string BatchTitle, string CouncilCode, string CouncilName, string Recipient,
        string StoredStatus, string? Exemption, long? OutboxId, long? ChaserOutboxId);

    public sealed record View(long Id, long BatchId, string Title, string CouncilCode, string Council, string Recipient,
        string Status, string? Exemption, DateTimeOffset? Sent, DateOnly? Received, DateOnly? Due, DateOnly? VeryOverdueAfter, bool Chased);

    public sealed record Event(DateTimeOffset At, string Kind, string? Detail);

    /// <summary>An answer as staff read it: Value when valid, else what was written (RawValue) and the Problem.</summary>
    public sealed record Answer(string QuestionId, string? Value, string? RawValue, string Status, string? Problem, string Source, string? Document);

    private const string Select = """
        SELECT r.id AS Id, r.batch_id AS BatchId, b.title AS BatchTitle, r.council_code AS CouncilCode, c.name AS CouncilName,
               r.recipient AS Recipient, r.status AS StoredStatus, r.exemption AS Exemption, r.outbox_id AS OutboxId,
               r.chaser_outbox_id AS ChaserOutboxId
        FROM foi_requests r
        JOIN foi_batches b ON b.id = r.batch_id
        JOIN councils c ON c.code = r.council_code
        """;

    public async Task<IReadOnlyList<View>> ListAsync(string? status = null, long? batchId = null, CancellationToken cancellationToken = default)
    {
        if (status is not null && !FoiStatus.All.Contains(status))
            throw new InvalidInputProblem($"'{status}' is not an FoI status. Use one of: {string.Join(", ", FoiStatus.All)}.", field: "status");
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>($"{Select} WHERE (@batchId IS NULL OR r.batch_id = @batchId) ORDER BY r.id", new { batchId });
        var views = await ToViewsAsync(rows.ToList(), connection, cancellationToken);
        return views.Where(v => status is null || v.Status == status).ToList();
    }

    /// <summary>A batch as it was asked for: its title and audience text ("all", "region:NAME"...).</summary>
    public sealed record Batch(long Id, string Title, string Audience);

    public async Task<Batch?> FindBatchAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Batch>(
            "SELECT id AS Id, title AS Title, audience AS Audience FROM foi_batches WHERE id = @id", new { id });
    }

    public async Task<(View Request, IReadOnlyList<Event> Timeline)> ShowAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>($"{Select} WHERE r.id = @id", new { id })
            ?? throw new NotFoundProblem($"There is no FoI request {id}. See: stpcollector foi list");
        var events = await connection.QueryAsync<Event>("SELECT at AS At, kind AS Kind, detail AS Detail FROM foi_events WHERE request_id = @id ORDER BY at, id", new { id });
        return ((await ToViewsAsync([row], connection, cancellationToken))[0], events.ToList());
    }

    public async Task<IReadOnlyList<Answer>> AnswersAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<Answer>("""
            SELECT a.question_id AS QuestionId, a.value AS Value, a.raw_value AS RawValue, a.status AS Status, a.problem AS Problem,
                   a.source AS Source, d.file_name AS Document
            FROM foi_answers a LEFT JOIN foi_documents d ON d.id = a.document_id
            WHERE a.request_id = @id
            ORDER BY length(a.question_id), a.question_id
            """, new { id })).ToList();
    }

    /// <summary>A request counts as received when its message went out; that date starts the statutory clock.</summary>
    private async Task<IReadOnlyList<View>> ToViewsAsync(IReadOnlyList<Row> rows, DbConnection connection, CancellationToken cancellationToken)
    {
        var sent = await OutboxMessages.ForIdsAsync(rows.Where(r => r.OutboxId is not null).Select(r => r.OutboxId!.Value), connection);
        var calendar = await calendars.LoadUnitedKingdomAsync(cancellationToken);
        var today = LondonTime.Today(clock);
        return rows.Select(r =>
        {
            var sentAt = r.OutboxId is { } outboxId && sent.TryGetValue(outboxId, out var delivery) ? delivery.SentAt : null;
            DateOnly? received = sentAt is { } at ? DateOnly.FromDateTime(LondonTime.ToLondon(at).DateTime) : null;
            return new View(r.Id, r.BatchId, r.BatchTitle, r.CouncilCode, r.CouncilName, r.Recipient,
                FoiStatus.Effective(r.StoredStatus, received, today, calendar), r.Exemption, sentAt, received,
                received is { } d ? calendar.DueDate(d) : null, received is { } v ? calendar.DueDate(v, 40) : null, r.ChaserOutboxId is not null);
        }).ToList();
    }
}
