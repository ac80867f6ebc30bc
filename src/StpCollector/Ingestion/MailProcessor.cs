using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using MimeKit;
using StpCollector.Mail;
using StpCollector.Questionnaires;
using StpCollector.Storage;

namespace StpCollector.Ingestion;

/// <summary>An email's way through triage, matching, the sender check and extraction to a stored return (or the holding pen).</summary>
public sealed class MailProcessor(
    ReplyMatcher matcher,
    BounceRecorder bounces,
    ReceiptWriter receipts,
    QuestionnaireCatalog questionnaires,
    IOptions<MailOptions> mailOptions,
    IOptions<IngestionOptions> options,
    TimeProvider clock)
{
    public async Task<Outcome> ProcessAsync(InboundRecord record, MimeMessage message, SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var mail = mailOptions.Value;
        var (kind, reason) = InboundTriage.Classify(message, mail.FromAddress, mail.ReplyLocalPart, mail.ReplyDomain);
        if (kind == TriageKind.Reply && record.MessageId is not null && await IsOurOwnAsync(record.MessageId, connection, transaction))
            (kind, reason) = (TriageKind.Loop, "it carries the Message-ID of a message we sent: a mail loop, dropped");
        switch (kind)
        {
            case TriageKind.Loop:
                return new Outcome(Outcomes.Loop, reason);
            case TriageKind.AutoReply:
                return new Outcome(Outcomes.AutoReply, $"{reason}; recorded and ignored");
            case TriageKind.Bounce:
                return new Outcome(Outcomes.Bounce, await bounces.RecordAsync(record.Id, message, connection, transaction, cancellationToken));
        }

        var sender = record.Sender!;
        var match = await matcher.MatchAsync(message, sender, connection, transaction, mail.ReplyLocalPart, mail.ReplyDomain);
        // Forwarded as an attachment: the officer's reply inside carries the token and thread headers. A token that fails
        // verification on the outer message is never overridden.
        foreach (var (attached, _) in match.Matched || match.Method == "token" ? [] : AttachedMessages.Within(message, ""))
        {
            var inner = await matcher.MatchAsync(attached, attached.From.Mailboxes.FirstOrDefault()?.Address ?? sender, connection, transaction, mail.ReplyLocalPart, mail.ReplyDomain);
            if (inner.Matched)
            {
                match = inner;
                break;
            }
        }

        if (match.Handler is not null && match.Problem is null)
        {
            var handling = await match.Handler.HandleReplyAsync(
                new InboundReply(record.Id, message, sender, match.HandlerTargetId, match.CouncilCode, connection, transaction, DapperSetup.ParseTimestamp(record.ReceivedAt)),
                cancellationToken);
            return new Outcome(handling.Held ? Outcomes.Held : Outcomes.Handled, $"{handling.Outcome}: {handling.Detail}", match.Method, CouncilCode: match.CouncilCode);
        }

        if (!match.Matched)
            return Outcome.Held(match.Problem ?? "not matched", match);
        var senderProblem = await SenderCheckRule.ProblemAsync(options.Value.SenderCheck, sender, match.CouncilCode!, connection, transaction);
        if (senderProblem is not null)
            return Outcome.Held($"matched to {match.CouncilCode} in {match.Round!.Reference} by {match.Method}, but {senderProblem}", match);
        var outcome = await StoreAsync(record, message, match, sendReceipt: options.Value.SendReceipts, connection, transaction);
        return outcome.NoReceipt is { } why ? outcome with { Reason = $"{outcome.Reason}; no receipt sent: {why}" } : outcome;
    }

    /// <summary>
    /// Extracts, checks and stores the return for a matched reply (also used when staff assign a held message). The
    /// receipt goes to the sender if the receipt rule allows, or to <paramref name="receiptTo"/> when staff name an address.
    /// </summary>
    public async Task<Outcome> StoreAsync(InboundRecord record, MimeMessage message, ReplyMatch match, bool sendReceipt, SqliteConnection connection, SqliteTransaction transaction,
        string? receiptTo = null)
    {
        var round = match.Round!;
        if (round.Status == "cancelled")
            return Outcome.Held($"round {round.Reference} was cancelled", match);
        if (await RoundLookup.FindCouncilAsync(connection, transaction, match.CouncilCode!) is not { } council)
            return Outcome.Held($"there is no council '{match.CouncilCode}'", match);
        var questionnaire = questionnaires.Find(round.QuestionnaireId);
        if (questionnaire is null)
            return Outcome.Held($"round {round.Reference} uses questionnaire '{round.QuestionnaireId}', which is not in config/questionnaires", match);

        var provenance = $"message <{record.MessageId}>";
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
            return Outcome.Held($"matched to {council.Name} ({council.Code}) in {round.Reference} by {match.Method}, but no answers were found in the body or attachments{(why.Length > 0 ? ": " + why : "")}", match);
        }

        if (mismatched.Count > 0 || notes.Count > 0)
            checkedReturn = checkedReturn with { Problems = [.. checkedReturn.Problems, .. mismatched, .. notes] };
        var now = clock.GetUtcNow();
        // Received is when the message reached us (the mailbox's arrival time, or our first reading of it), never the
        // sender's Date: header, which is kept beside it as "dated (sender's clock)".
        var receivedAt = DapperSetup.ParseTimestamp(record.ReceivedAt);
        var datedAt = message.Date is { } date && date != DateTimeOffset.MinValue ? date : (DateTimeOffset?)null;
        var stored = await ReturnStore.StoreAsync(connection, transaction,
            new ReturnStore.NewReturn(round.Id, council.Code, chosen.Source, chosen.Provenance, record.Sender, receivedAt, record.Id, datedAt), checkedReturn, now);
        var receipt = sendReceipt && (receiptTo ?? record.Sender) is { } recipient
            ? await receipts.QueueAsync(connection, transaction, message, recipient, round, council.Code, council.Name, questionnaire, checkedReturn, stored, receivedAt,
                chosenByStaff: receiptTo is not null)
            : null;
        return new Outcome(Outcomes.Stored, Summary(council, round, checkedReturn, stored, match.Method), match.Method, round.Id, council.Code, 1, receipt?.NotSent);
    }

    public static string Summary((string Code, string Name) council, RoundInfo round, CheckedReturn checkedReturn, StoredReturn stored, string? method) =>
        $"return #{stored.ReturnId} for {council.Name} ({council.Code}) in {round.Reference}{(method is null ? "" : $", matched by {method}")}: " +
        $"{checkedReturn.Valid} valid, {checkedReturn.Invalid} invalid, {checkedReturn.MissingRequired} required missing" +
        (stored.SupersededId is { } old ? stored.IsCurrent ? $"; replaces #{old}" : $"; older than #{old}, kept as history" : "") +
        (stored.Late ? "; late" : "");

    /// <summary>The first spreadsheet candidate for this council and round with an answer, else the body if it has one.</summary>
    private async Task<ReturnCandidate?> ExtractAsync(MimeMessage message, string provenance, (string Code, string Name) council, RoundInfo round,
        Questionnaire questionnaire, List<string> mismatched, List<string> notes, SqliteConnection connection, SqliteTransaction transaction)
    {
        var attachments = AttachmentReader.Read(message, options.Value, provenance);
        notes.AddRange(attachments.Notes);
        ReturnCandidate? chosen = null;
        foreach (var (name, candidate) in attachments.Candidates)
        {
            if (candidate.CouncilKey is { } key && (await RoundLookup.FindCouncilAsync(connection, transaction, key))?.Code != council.Code)
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

    private static async Task<bool> IsOurOwnAsync(string messageId, SqliteConnection connection, SqliteTransaction transaction) =>
        await Dapper.SqlMapper.ExecuteScalarAsync<bool>(connection, "SELECT EXISTS (SELECT 1 FROM outbox WHERE message_id = @messageId)", new { messageId }, transaction);
}
