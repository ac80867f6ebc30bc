using System.Data.Common;
using MimeKit;
using StpCollector.Calendar;
using StpCollector.Ingestion;
using StpCollector.Mail;
using StpCollector.Outbox;
using StpCollector.Questionnaires;
using StpCollector.Templates;

namespace StpCollector.Rounds;

/// <summary>
/// Queues the receipt for a stored email return, in the same transaction: what was recorded, what was invalid or
/// missing and how to correct it, and that a corrected reply replaces this one. Text from config/templates/receipt.text.liquid.
/// A receipt goes only where <see cref="ReceiptRecipientRule"/> allows, unless staff chose the address themselves.
/// </summary>
internal sealed class ReceiptWriter(TemplateRenderer templates, OutboxWriter outbox, ReplyTokens tokens)
{
    public const string Template = "receipt.text";

    /// <summary>outbox.kind of a receipt.</summary>
    public const string OutboxKind = "receipt";

    /// <summary>The outbox row of a queued receipt, or why none was sent.</summary>
    public sealed record Receipt(long? OutboxId, string? NotSent);

    /// <summary>Comment: what the council wrote beside the answer, quoted back ("we noted: ...").</summary>
    public sealed record Line(string Id, string Question, string Answer, string? Problem, string? Note, string? Comment = null);

    public sealed record Model(
        string CouncilName,
        string RoundReference,
        string RoundTitle,
        string Received,
        string Deadline,
        bool Late,
        bool Replaces,
        IReadOnlyList<Line> Recorded,
        IReadOnlyList<Line> Invalid,
        IReadOnlyList<Line> Missing,
        IReadOnlyList<Line> Notes,
        IReadOnlyList<string> Problems,
        string ReplyAddress);

    public async Task<Receipt> QueueAsync(DbConnection connection, DbTransaction transaction, MimeMessage reply, string sender, Round round,
        string councilCode, string councilName, Questionnaire questionnaire, CheckedReturn checkedReturn, StoredReturn stored, DateTimeOffset receivedAt,
        bool chosenByStaff = false)
    {
        if (!chosenByStaff && await ReceiptRecipientRule.ProblemAsync(connection, transaction, sender, councilCode, councilName) is { } problem)
            return new Receipt(null, problem);
        var replyAddress = tokens.AddressFor(new ReplyToken(ReplyToken.Round, round.Id, councilCode));
        string Text(string id) => questionnaire.Find(id)?.Text ?? id;
        var answers = checkedReturn.Answers;
        var model = new Model(
            councilName,
            round.Reference,
            round.Title,
            LondonTime.Describe(receivedAt),
            LondonTime.Describe(round.ClosesAt),
            stored.Late,
            stored.SupersededId is not null && stored.IsCurrent,
            answers.Where(a => a.Status == AnswerStatus.Valid).Select(a => new Line(a.QuestionId, Text(a.QuestionId), Display(questionnaire, a), null, a.Note,
                a.Comment is null ? null : Excerpt.Of(a.Comment, Excerpt.Quoted))).ToList(),
            answers.Where(a => a.Status == AnswerStatus.Invalid).Select(a => new Line(a.QuestionId, Text(a.QuestionId), Excerpt.Of(a.Raw, Excerpt.Quoted), Excerpt.Of(a.Problem, 400), null)).ToList(),
            answers.Where(a => a.Status == AnswerStatus.Missing && a.Problem is not null).Select(a => new Line(a.QuestionId, Text(a.QuestionId), "", a.Problem, null)).ToList(),
            answers.Where(a => a.Note is not null).Select(a => new Line(a.QuestionId, Text(a.QuestionId), Display(questionnaire, a), null, a.Note)).ToList(),
            checkedReturn.Problems.Select(p => Excerpt.Of(p, 400)).ToList(),
            replyAddress);

        var message = new MimeMessage
        {
            Subject = $"Received: {round.Reference} return from {councilName}",
            Body = new TextPart("plain") { Text = templates.Render(Template, model) },
        };
        message.To.Add(MailboxAddress.Parse(sender));
        message.ReplyTo.Add(MailboxAddress.Parse(replyAddress));
        if (reply.MessageId is { Length: > 0 } replyId)
        {
            message.InReplyTo = replyId;
            foreach (var reference in reply.References)
                message.References.Add(reference);
            message.References.Add(replyId);
        }

        // Receipts are automatic: say so, so that out-of-office responders do not answer them.
        message.Headers.Add(HeaderId.AutoSubmitted, "auto-replied");
        return new Receipt(await outbox.EnqueueAsync(connection, transaction, new OutgoingMessage(OutboxKind, round.Topic, councilCode, message)), null);
    }

    private static string Display(Questionnaire questionnaire, CheckedAnswer answer)
    {
        var question = questionnaire.Find(answer.QuestionId);
        if (question is null || answer.Value is null)
            return answer.Value ?? "";
        return question.Type.Display(question, answer.Value);
    }
}
