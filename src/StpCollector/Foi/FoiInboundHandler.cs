using Dapper;
using StpCollector.Ingestion;
using StpCollector.Mail;
using StpCollector.Questionnaires;

namespace StpCollector.Foi;

/// <summary>
/// Replies and bounces on FoI requests. Clear acknowledgements, refusals and clarification requests change the
/// status; attachments are stored for staff (structured returns are read as answers); everything is on the timeline.
/// </summary>
internal sealed class FoiInboundHandler(FoiReplyDocuments documents, QuestionnaireCatalog questionnaires, TimeProvider clock) : IInboundHandler
{
    public char TokenKind => ReplyToken.Foi;

    public IReadOnlyCollection<string> OutboxKinds { get; } = [FoiReference.RequestKind, FoiReference.ChaserKind];

    public async Task<InboundHandling> HandleReplyAsync(InboundReply reply, CancellationToken cancellationToken)
    {
        var (connection, transaction) = (reply.Connection, reply.Transaction);
        var councilCode = await connection.ExecuteScalarAsync<string?>(
            "SELECT council_code FROM foi_requests WHERE id = @TargetId", new { reply.TargetId }, transaction);
        if (councilCode is null)
            return new InboundHandling("held", $"No FoI request {reply.TargetId}", Held: true);

        var now = clock.GetUtcNow();
        // The reply's dates (received, answered) are when it reached us, not the council's Date: header.
        var received = reply.ReceivedAt ?? now;
        await FoiEvents.AddAsync(connection, transaction, reply.TargetId, received, "reply", $"From {reply.SenderAddress}: {reply.Message.Subject}");
        var questionnaire = await FoiAnswerStore.QuestionnaireOfAsync(connection, transaction, reply.TargetId, questionnaires);
        var intake = await documents.TakeAsync(reply, councilCode, questionnaire, received, cancellationToken);
        if (intake.Answers == 0 && questionnaire is not null && FoiReturnReader.ReadBody(questionnaire, reply.Message, $"the body of <{reply.Message.MessageId}>") is { } body)
        {
            var recorded = await FoiAnswerStore.RecordAllAsync(connection, transaction, reply.TargetId, body, "email_body", null, received);
            intake = intake with { Answers = recorded, Details = [FoiReturnReader.Describe(recorded, body, "the body of the reply"), .. intake.Details] };
        }

        // Only what the council wrote: the quoted request itself speaks of exemptions, section 10 and clarifying.
        var classification = FoiReplyClassifier.Classify(ReplyBodyReader.OwnText(reply.Message));
        string status;
        string detail;
        if (intake.Answers > 0)
        {
            var unanswered = await FoiAnswerStore.RequiredWithoutValidAnswerAsync(connection, transaction, reply.TargetId, questionnaire!);
            status = unanswered.Count == 0 ? FoiStatus.Answered : FoiStatus.Partial;
            detail = string.Join("; ", intake.Details) +
                (unanswered.Count > 0 ? $"; required question(s) without a valid answer: {string.Join(", ", unanswered)}" : "");
        }
        else if (classification is not null)
        {
            status = classification.Status;
            detail = string.Join("; ", [classification.Reason, .. intake.Details]);
        }
        else
        {
            await connection.ExecuteAsync("UPDATE foi_requests SET updated_at = @now WHERE id = @TargetId", new { now, reply.TargetId }, transaction);
            var unread = intake.Details.Count > 0 ? $"; {string.Join("; ", intake.Details)}" : "";
            return new InboundHandling("foi_reply", $"Reply on {FoiReference.Of(reply.TargetId)} stored for staff to classify ({intake.Documents} attachment(s)){unread}");
        }

        await connection.ExecuteAsync(
            "UPDATE foi_requests SET status = @status, exemption = COALESCE(@exemption, exemption), updated_at = @now WHERE id = @TargetId",
            new { status, exemption = classification?.Exemption, now, reply.TargetId }, transaction);
        await FoiEvents.AddAsync(connection, transaction, reply.TargetId, received, status, detail);
        return new InboundHandling("foi_reply", $"{FoiReference.Of(reply.TargetId)}: {status.Replace('_', ' ')} ({detail})");
    }

    public Task HandleBounceAsync(InboundBounce bounce, CancellationToken cancellationToken)
    {
        var requestId = Outbox.Topic.Parse(bounce.Topic!).Id!.Value;
        return FoiEvents.AddAsync(bounce.Connection, bounce.Transaction, requestId, clock.GetUtcNow(), "bounce",
            $"{(bounce.Permanent ? "Undeliverable" : "Delayed")} to {bounce.Recipient}: {bounce.Reason}");
    }
}
