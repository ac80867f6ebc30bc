using System.Globalization;
using Microsoft.Extensions.Options;
using MimeKit;
using StpCollector.Calendar;
using StpCollector.Mail;
using StpCollector.Questionnaires;
using StpCollector.Templates;

namespace StpCollector.Rounds;

/// <summary>
/// A council a round writes to: its leads (all of them in To:; LeadName/Email when only one is known), and for a
/// reminder the required questions its current return still lacks. InvitationMessageId threads a reminder under its invitation.
/// </summary>
internal sealed record RoundRecipient
{
    public string CouncilCode { get; init; } = "";
    public string CouncilName { get; init; } = "";
    public long ContactId { get; init; }
    public string LeadName { get; init; } = "";
    public string Email { get; init; } = "";
    public string? InvitationMessageId { get; init; }
    public IReadOnlyList<RoundLead> Leads { get; init; } = [];

    /// <summary>Empty unless the council sent a partial return: what a reminder asks it to complete.</summary>
    public IReadOnlyList<MissingAnswer> Missing { get; init; } = [];

    /// <summary>The council's current return when a reminder chases a partial one.</summary>
    public long? ReturnId { get; init; }

    public IReadOnlyList<RoundLead> AllLeads => Leads.Count > 0 ? Leads : [new RoundLead(LeadName, Email)];
}

/// <summary>What the invitation and reminder templates see (in snake_case: lead_name, questions[i].answer_hint, ...).</summary>
internal sealed record RoundMailModel(
    string LeadName, string CouncilName, string CouncilCode, string RoundReference, string RoundTitle, string QuestionnaireTitle,
    string Introduction, string Deadline, string DeadlineDate, string ReplyAddress, IReadOnlyList<QuestionModel> Questions,
    string ReplyForm, string CsvFile, string XlsxFile, string SenderName, int WorkingDaysLeft, IReadOnlyList<MissingAnswer> Missing)
{
    /// <summary>True when the council has sent a return that lacks required answers (the reminder then names them).</summary>
    public bool Partial => Missing.Count > 0;
}

internal sealed record QuestionModel(string Id, string Text, string? Help, string AnswerHint, bool Required);

/// <summary>
/// Builds a council's invitation or reminder from config/templates/KIND.subject|text|html.liquid: text and HTML
/// alternatives, the CSV and XLSX return templates attached, and a Reply-To address whose token names the round and
/// council. The subject always carries the round reference in brackets, which the ingestion pipeline matches on.
/// </summary>
internal sealed class RoundMailBuilder(TemplateRenderer renderer, ReplyTokens tokens, IOptions<MailOptions> mail)
{
    public const string Invitation = "invitation";
    public const string Reminder = "reminder";

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public MimeMessage Build(string kind, Round round, Questionnaire questionnaire, RoundRecipient to, int workingDaysLeft = 0)
    {
        var replyAddress = tokens.AddressFor(new ReplyToken(ReplyToken.Round, round.Id, to.CouncilCode));
        var csvFile = ReturnTemplate.FileName(round.Reference, to.CouncilCode, "csv");
        var xlsxFile = ReturnTemplate.FileName(round.Reference, to.CouncilCode, "xlsx");
        var model = new RoundMailModel(
            CouncilLeads.Greeting(to.AllLeads), to.CouncilName, to.CouncilCode, round.Reference, round.Title, questionnaire.Title, questionnaire.Introduction,
            LondonTime.Describe(round.ClosesAt), LondonTime.ToLondon(round.ClosesAt).ToString("d MMMM yyyy", English), replyAddress,
            questionnaire.Questions.Select(q => new QuestionModel(q.Id, q.Text, q.Help, q.AnswerHint, q.Required)).ToList(),
            ReplyForm.Text(round.Reference, to.CouncilCode, questionnaire), csvFile, xlsxFile, mail.Value.FromName, workingDaysLeft, to.Missing);

        var body = new BodyBuilder
        {
            TextBody = renderer.Render($"{kind}.text", model),
            HtmlBody = renderer.Render($"{kind}.html", model),
        };
        body.Attachments.Add(csvFile, ReturnTemplate.Csv(round.Reference, to.CouncilCode, questionnaire), new ContentType("text", "csv") { Charset = "utf-8" });
        body.Attachments.Add(xlsxFile, ReturnTemplate.Xlsx(round.Reference, to.CouncilCode, questionnaire),
            new ContentType("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"));

        var message = new MimeMessage { Subject = Subject(kind, model), Body = body.ToMessageBody() };
        // MimeMessage invents an id on the machine's host name; ours names our own domain. It is stored with the
        // outbox row, so a resend after a crash carries the same one.
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(mail.Value.ReplyDomain);
        foreach (var lead in to.AllLeads)
            message.To.Add(new MailboxAddress(lead.Name, lead.Email));
        message.ReplyTo.Add(MailboxAddress.Parse(replyAddress));
        // Automated mail: asks auto-responders not to answer, so out-of-office notes do not fill the returns mailbox.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("X-Auto-Response-Suppress", "OOF, AutoReply");
        message.Headers.Add("X-StpCollector-Round", round.Reference);
        message.Headers.Add("X-StpCollector-Council", to.CouncilCode);
        if (to.InvitationMessageId is { } invitation)
        {
            message.InReplyTo = invitation;
            message.References.Add(invitation);
        }

        return message;
    }

    private string Subject(string kind, RoundMailModel model)
    {
        var subject = string.Join(' ', renderer.Render($"{kind}.subject", model).Split((char[])['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        var tag = $"[{model.RoundReference}]";
        return subject.Contains(tag, StringComparison.OrdinalIgnoreCase) ? subject : $"{tag} {subject}";
    }
}
