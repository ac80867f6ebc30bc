using System.Data.Common;
using Microsoft.Extensions.Options;
using MimeKit;
using StpCollector.Ingestion;
using StpCollector.Questionnaires;
using StpCollector.Reference;

namespace StpCollector.Rounds;

/// <summary>A reply being stored as a return: the inbound message it came in, who sent it and when it reached us.</summary>
internal sealed record IncomingReturn(long InboundId, MimeMessage Message, string? MessageId, string? Sender, DateTimeOffset ReceivedAt);

/// <summary>Extracts, checks and stores the return an email carries for a round and council, and queues its receipt.</summary>
internal sealed class RoundReturnIntake(ReceiptWriter receipts, QuestionnaireCatalog questionnaires, IOptions<IngestionOptions> options, TimeProvider clock)
{
    /// <summary>
    /// Stores the return for a matched reply (also used when staff assign a held message). The receipt goes to the
    /// sender if the receipt rule allows, or to <paramref name="receiptTo"/> when staff name an address.
    /// </summary>
    public async Task<Outcome> StoreAsync(IncomingReturn reply, Round round, string councilCode, string? method, bool sendReceipt,
        DbConnection connection, DbTransaction transaction, string? receiptTo = null)
    {
        Outcome Held(string reason) => new(InboundOutcome.Held, reason, method, round.Id, councilCode);
        var message = reply.Message;
        if (round.Status == RoundStatus.Cancelled)
            return Held($"round {round.Reference} was cancelled");
        if (await CouncilDirectory.ByCodeOrNameAsync(connection, councilCode, transaction) is not { } council)
            return Held($"there is no council '{councilCode}'");
        var questionnaire = questionnaires.Find(round.QuestionnaireId);
        if (questionnaire is null)
            return Held($"round {round.Reference} uses questionnaire '{round.QuestionnaireId}', which is not in config/questionnaires");

        var provenance = $"message <{reply.MessageId}>";
        var mismatched = new List<string>();
        var notes = new List<string>();
        ReturnCandidate? chosen = null;
        // The message's own spreadsheets and body first; a message forwarded as an attachment only when they hold no answers.
        foreach (var (source, where) in AttachedMessages.Within(message, provenance).Prepend((message, provenance)))
        {
            chosen = await ExtractAsync(source, where, council, round, questionnaire, mismatched, notes, connection, transaction);
            if (chosen is not null)
                break;
        }

        chosen ??= ReplyBodyReader.Read(message, questionnaire, provenance);
        var checkedReturn = ReturnChecker.Check(questionnaire, chosen);
        if (!checkedReturn.HasAnyAnswer)
        {
            var why = string.Join("; ", mismatched.Concat(notes));
            return Held($"matched to {council.Name} ({council.Code}) in {round.Reference} by {method}, but no answers were found in the body or attachments{(why.Length > 0 ? ": " + why : "")}");
        }

        if (mismatched.Count > 0 || notes.Count > 0)
            checkedReturn = checkedReturn with { Problems = [.. checkedReturn.Problems, .. mismatched, .. notes] };
        var now = clock.GetUtcNow();
        // Received is when the message reached us (the mailbox's arrival time, or our first reading of it), never the
        // sender's Date: header, which is kept beside it as "dated (sender's clock)".
        var receivedAt = reply.ReceivedAt;
        var datedAt = message.Date is { } date && date != DateTimeOffset.MinValue ? date : (DateTimeOffset?)null;
        var stored = await ReturnStore.StoreAsync(connection, transaction,
            new ReturnStore.NewReturn(round.Id, council.Code, chosen.Source, chosen.Provenance, reply.Sender, receivedAt, reply.InboundId, datedAt), checkedReturn, now);
        var receipt = sendReceipt && (receiptTo ?? reply.Sender) is { } recipient
            ? await receipts.QueueAsync(connection, transaction, message, recipient, round, council.Code, council.Name, questionnaire, checkedReturn, stored, receivedAt,
                chosenByStaff: receiptTo is not null)
            : null;
        return new Outcome(InboundOutcome.Stored, Summary(council, round, checkedReturn, stored, method), method, round.Id, council.Code, 1, receipt?.NotSent);
    }

    public static string Summary(Council council, Round round, CheckedReturn checkedReturn, StoredReturn stored, string? method) =>
        $"return #{stored.ReturnId} for {council.Name} ({council.Code}) in {round.Reference}{(method is null ? "" : $", matched by {method}")}: " +
        $"{checkedReturn.Valid} valid, {checkedReturn.Invalid} invalid, {checkedReturn.MissingRequired} required missing" +
        (stored.SupersededId is { } old ? stored.IsCurrent ? $"; replaces #{old}" : $"; older than #{old}, kept as history" : "") +
        (stored.Late ? "; late" : "");

    /// <summary>The first spreadsheet candidate for this council and round with an answer, else the body if it has one.</summary>
    private async Task<ReturnCandidate?> ExtractAsync(MimeMessage message, string provenance, Council council, Round round,
        Questionnaire questionnaire, List<string> mismatched, List<string> notes, DbConnection connection, DbTransaction transaction)
    {
        var attachments = AttachmentReader.Read(message, options.Value, provenance);
        notes.AddRange(attachments.Notes);
        ReturnCandidate? chosen = null;
        foreach (var (name, candidate) in attachments.Candidates)
        {
            if (candidate.CouncilKey is { } key && (await CouncilDirectory.ByCodeOrNameAsync(connection, key, transaction))?.Code != council.Code)
            {
                mismatched.Add($"the attachment {name} has answers for council '{Excerpt.Of(key)}', not {council.Name} ({council.Code})");
                continue;
            }

            if (candidate.RoundKey is { } roundKey && !roundKey.Equals(round.Reference, StringComparison.OrdinalIgnoreCase) && roundKey != round.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                mismatched.Add($"the attachment {name} is for round '{Excerpt.Of(roundKey)}', not {round.Reference}");
                continue;
            }

            if (chosen is null && candidate.Answers.Any(a => !string.IsNullOrWhiteSpace(a.Raw)))
                chosen = candidate;
        }

        if (chosen is not null)
            return chosen;
        var body = ReplyBodyReader.Read(message, questionnaire, provenance);
        return body.Answers.Any(a => !string.IsNullOrWhiteSpace(a.Raw)) ? body : null;
    }
}
