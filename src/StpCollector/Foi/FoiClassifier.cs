using System.Data.Common;
using Dapper;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Foi;

/// <summary>
/// Staff setting a request's status by hand after reading a letter (`foi classify`, the console's "Record the council's
/// response"): clarification asked, refused with an exemption, answered... Each change is one timeline event.
/// </summary>
internal sealed class FoiClassifier(Database database, TimeProvider clock)
{
    public const int MaxExemptionLength = 100;

    public sealed record Classified(long RequestId, string Before, string After, string? Exemption);

    /// <summary>The status as stored (overdue is worked out on top of it), which a later change compares with.</summary>
    public async Task<string> StoredStatusAsync(long requestId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string?>("SELECT status FROM foi_requests WHERE id = @requestId", new { requestId })
            ?? throw new NotFoundProblem($"There is no FoI request {requestId}. See: stpcollector foi list", field: "request");
    }

    /// <summary>
    /// Sets the status. With <paramref name="expectedStatus"/> (the status the person saw), the change is made only if
    /// nobody changed the request meanwhile; otherwise they are told what it is now and nothing is written.
    /// </summary>
    public async Task<Classified> ClassifyAsync(long requestId, string status, string? exemption, string? expectedStatus,
        CancellationToken cancellationToken)
    {
        var newStatus = status.Trim().ToLowerInvariant().Replace(' ', '_');
        if (!FoiStatus.Stored.Contains(newStatus))
            throw new InvalidInputProblem($"'{newStatus}' cannot be set by hand. Use one of: {string.Join(", ", FoiStatus.Stored)}.", field: "status");
        var cited = string.IsNullOrWhiteSpace(exemption) ? null : exemption.Trim();
        if (cited is { Length: > MaxExemptionLength })
            throw new InvalidInputProblem($"The exemption is {cited.Length} characters long; give just the section cited, e.g. s.12 (at most {MaxExemptionLength}).", field: "exemption");

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (DbTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var before = await connection.QuerySingleOrDefaultAsync<string?>("SELECT status FROM foi_requests WHERE id = @requestId", new { requestId }, transaction)
            ?? throw new NotFoundProblem($"There is no FoI request {requestId}. See: stpcollector foi list", field: "request");
        if (expectedStatus is not null && expectedStatus != before)
            throw new ConflictProblem(
                $"{FoiReference.Of(requestId)} was changed by someone else since you opened it: it is now {before.Replace('_', ' ')}. " +
                "Your change was not saved: check the request and record it again if it still applies.");

        var now = clock.GetUtcNow();
        await connection.ExecuteAsync(
            "UPDATE foi_requests SET status = @newStatus, exemption = @cited, updated_at = @now WHERE id = @requestId",
            new { newStatus, cited, now, requestId }, transaction);
        await FoiEvents.AddAsync(connection, transaction, requestId, now, "classified",
            $"Set to {newStatus} by staff{(cited is null ? "" : $", exemption {cited}")}");
        await transaction.CommitAsync(cancellationToken);
        return new Classified(requestId, before, newStatus, cited);
    }
}
