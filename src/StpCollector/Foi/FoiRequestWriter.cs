using System.Data.Common;
using Dapper;
using MimeKit;
using StpCollector.Contacts;
using StpCollector.Mail;
using StpCollector.Outbox;
using StpCollector.Questionnaires;
using StpCollector.Reference;
using StpCollector.Shared;
using StpCollector.Storage;
using StpCollector.Templates;

namespace StpCollector.Foi;

/// <summary>
/// Creates a batch of FoI requests, one per council, each to the council's FoI contact with its own signed reply
/// address, and queues them in the outbox in the same transaction.
/// </summary>
internal sealed class FoiRequestWriter(
    Database database,
    Audience audience,
    QuestionnaireCatalog questionnaires,
    TemplateRenderer templates,
    ReplyTokens tokens,
    OutboxWriter outbox,
    TimeProvider clock)
{
    public sealed record Created(long BatchId, IReadOnlyList<long> RequestIds, IReadOnlyList<string> CouncilsWithoutContact);

    /// <summary>One council's request would go to this FoI contact.</summary>
    public sealed record Recipient(string CouncilCode, string CouncilName, string Name, string Email);

    /// <summary>What a batch would be, checked but not stored: who receives a request, and the councils without an FoI contact.</summary>
    public sealed record Plan(Questionnaire? Questionnaire, IReadOnlyList<Recipient> Recipients, IReadOnlyList<(string Code, string Name)> WithoutContact);

    /// <summary>Every check <see cref="CreateAsync"/> makes before storing anything, except the refusal of councils without an FoI contact.</summary>
    public async Task<Plan> PlanAsync(string title, string body, string audienceText, string? questionnaireId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(title))
            throw new InvalidInputProblem("--title is empty: give the request a short title.", field: "title");
        if (string.IsNullOrWhiteSpace(body))
            throw new InvalidInputProblem("The request text (--body-file) is empty.", field: "body-file");
        var questionnaire = questionnaireId is null ? null : questionnaires.Get(questionnaireId);
        var councils = await audience.ResolveAsync(audienceText, cancellationToken);

        await using var connection = await database.OpenAsync(cancellationToken);
        var foiContacts = await ContactDirectory.FirstOfRoleAsync(ContactRoles.Foi, councils, connection);
        var named = (await connection.QueryAsync<(string Code, string Name)>(
            $"SELECT code, name FROM councils WHERE code {connection.In("councils")} ORDER BY code", new { councils })).ToList();
        var recipients = named.Where(c => foiContacts.ContainsKey(c.Code))
            .Select(c => new Recipient(c.Code, c.Name, foiContacts[c.Code].Name, foiContacts[c.Code].Email)).ToList();
        var names = named.ToDictionary(c => c.Code, c => c.Name);
        var missing = councils.Except(recipients.Select(r => r.CouncilCode)).Select(code => (code, names.GetValueOrDefault(code, code))).ToList();
        return new Plan(questionnaire, recipients, missing);
    }

    public async Task<Created> CreateAsync(string title, string body, string audienceText, string? questionnaireId, bool allowMissingContacts, CancellationToken cancellationToken)
    {
        var (questionnaire, recipients, withoutContact) = await PlanAsync(title, body, audienceText, questionnaireId, cancellationToken);
        var missing = withoutContact.Select(c => c.Code).ToList();
        if (missing.Count > 0 && !allowMissingContacts)
        {
            throw new InvalidInputProblem(
                $"{missing.Count} council(s) have no FoI contact: {string.Join(", ", missing)}. Import one (role foi) with " +
                "stpcollector contacts import, or add --allow-missing-contacts to send to the others.", field: "audience");
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var now = clock.GetUtcNow();
        await using var transaction = (DbTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var batchId = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO foi_batches (title, body, questionnaire_id, audience, created_at)
            VALUES (@title, @body, @questionnaireId, @audienceText, @now) RETURNING id
            """, new { title, body, questionnaireId, audienceText, now }, transaction);
        var ids = new List<long>();
        foreach (var recipient in recipients)
        {
            var requestId = await connection.ExecuteScalarAsync<long>("""
                INSERT INTO foi_requests (batch_id, council_code, recipient, created_at, updated_at)
                VALUES (@batchId, @CouncilCode, @Email, @now, @now) RETURNING id
                """, new { batchId, recipient.CouncilCode, recipient.Email, now }, transaction);
            var message = Compose(requestId, title, body, questionnaire, recipient);
            var outboxId = await outbox.EnqueueAsync(connection, transaction,
                new OutgoingMessage(FoiReference.RequestKind, FoiReference.TopicOf(requestId), recipient.CouncilCode, message));
            await connection.ExecuteAsync("UPDATE foi_requests SET outbox_id = @outboxId WHERE id = @requestId", new { outboxId, requestId }, transaction);
            await FoiEvents.AddAsync(connection, transaction, requestId, now, "created", $"Queued to {recipient.Email}");
            ids.Add(requestId);
        }

        await transaction.CommitAsync(cancellationToken);
        return new Created(batchId, ids, missing);
    }

    private MimeMessage Compose(long requestId, string title, string body, Questionnaire? questionnaire, Recipient recipient)
    {
        var model = new
        {
            Reference = FoiReference.Of(requestId),
            Title = title,
            Body = body.Trim(),
            Council = recipient.CouncilName,
            ContactName = recipient.Name,
            Questions = questionnaire?.Questions.Select(q => new { q.Id, q.Text, Answer = q.AnswerHint }).ToList(),
        };
        var message = new MimeMessage { Subject = $"Freedom of Information request: {title} [{FoiReference.Of(requestId)}]" };
        message.To.Add(new MailboxAddress(recipient.Name, recipient.Email));
        message.ReplyTo.Add(MailboxAddress.Parse(tokens.AddressFor(new ReplyToken(ReplyToken.Foi, requestId, recipient.CouncilCode))));
        var builder = new BodyBuilder { TextBody = templates.Render("foi-request.text", model) };
        if (questionnaire is not null)
        {
            var reference = FoiReference.Of(requestId);
            builder.Attachments.Add(Rounds.ReturnTemplate.FileName(reference, recipient.CouncilCode, "csv"),
                Rounds.ReturnTemplate.Csv(reference, recipient.CouncilCode, questionnaire), new ContentType("text", "csv"));
            builder.Attachments.Add(Rounds.ReturnTemplate.FileName(reference, recipient.CouncilCode, "xlsx"),
                Rounds.ReturnTemplate.Xlsx(reference, recipient.CouncilCode, questionnaire),
                ContentType.Parse("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        }
        message.Body = builder.ToMessageBody();
        return message;
    }
}
