using System.Data.Common;
using Dapper;
using MimeKit;
using StpCollector.Ingestion;
using StpCollector.Reference;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Rounds;

/// <summary>
/// A held message assigned by staff to a round and council: extraction runs again and the return is stored. Its receipt
/// goes to the sender only if they may have it (<see cref="ReceiptRecipientRule"/>), or to the address staff name.
/// </summary>
internal sealed class HeldReturnAssigner(RoundReturnIntake intake, RoundFileReturns files) : IHeldMessageAssigner
{
    public async Task<(Outcome Outcome, string AssignedTo)> AssignAsync(HeldMessage held, string roundKey, string councilKey, string? receiptTo, bool sendReceipt,
        DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var round = await Round.FindAsync(connection, roundKey, transaction)
            ?? throw new NotFoundProblem($"There is no round '{roundKey}'. Give its reference, e.g. --round STP-R12.", field: "round");
        var council = await CouncilDirectory.ByCodeOrNameAsync(connection, councilKey, transaction)
            ?? throw new NotFoundProblem($"There is no council '{councilKey}'. Give its ONS code, e.g. --council E09000007 (see: stpcollector councils list).", field: "council");

        var record = held.Record;
        var bytes = held.Read();
        var outcome = held.IsEmail
            ? await intake.StoreAsync(
                new IncomingReturn(record.Id, MimeMessage.Load(new MemoryStream(InboundPipeline.WithLineFeeds(bytes))), record.MessageId, record.Sender, DapperSetup.ParseTimestamp(record.ReceivedAt)),
                round, council.Code, "staff", sendReceipt, connection, transaction, receiptTo)
            : await files.ProcessAsync(record, bytes, record.SourceName, new IngestHints(round.Reference, council.Code), connection, transaction, cancellationToken);
        return (outcome, $"{round.Reference} / {council.Code}");
    }

    /// <summary>The answers of the returns stored from a message, so staff see what was read (and noted) beside the text.</summary>
    public async Task<IReadOnlyList<HoldingPen.StoredAnswer>> StoredAnswersAsync(DbConnection connection, long inboundId) =>
        (await connection.QueryAsync<HoldingPen.StoredAnswer>("""
            SELECT r.id AS ReturnId, a.question_id AS QuestionId, a.raw_value AS Raw, a.value AS Value, a.status AS Status,
                   a.problem AS Problem, a.comment AS Comment
            FROM returns r JOIN answers a ON a.return_id = r.id
            WHERE r.inbound_id = @inboundId AND a.status <> 'missing'
            ORDER BY r.id, CAST(substr(a.question_id, 2) AS INTEGER), a.question_id
            """, new { inboundId })).ToList();

    public async Task<IReadOnlyList<long>> StoredReturnsAsync(DbConnection connection, long inboundId) =>
        (await connection.QueryAsync<long>("SELECT id FROM returns WHERE inbound_id = @inboundId ORDER BY id", new { inboundId })).ToList();
}
