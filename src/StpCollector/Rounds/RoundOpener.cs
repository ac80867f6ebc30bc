using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;
using StpCollector.Contacts;
using StpCollector.Outbox;
using StpCollector.Questionnaires;
using StpCollector.Storage;

namespace StpCollector.Rounds;

/// <summary>
/// Opens rounds whose time has come: queues one invitation per council, addressed to all its leads, through the outbox, a batch of councils
/// per transaction, and records each council's invitation. A council already holding an invitation is never given
/// another, so a crash mid-way, a restart or a second process simply carries on where the last commit left off.
/// </summary>
internal sealed class RoundOpener(
    Database database, QuestionnaireCatalog catalog, RoundMailBuilder mails, OutboxWriter outbox, TimeProvider clock, ILogger<RoundOpener> logger)
{
    private const int BatchSize = 100;

    /// <summary>Opens the due rounds; returns what it did, one phrase per round, for the sweep's summary.</summary>
    public async Task<IReadOnlyList<string>> OpenDueAsync(CancellationToken cancellationToken)
    {
        var done = new List<string>();
        await using var connection = await database.OpenAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var due = await connection.QueryAsync<Round>($"{Round.SelectSql} WHERE status = 'scheduled' AND opens_at <= @now ORDER BY opens_at", new { now = DapperSetup.Format(now) });
        foreach (var round in due)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (round.ClosesAt <= now)
            {
                await connection.ExecuteAsync("UPDATE rounds SET status = 'closed', closed_at = @now WHERE id = @Id AND status = 'scheduled'", new { round.Id, now = DapperSetup.Format(now) });
                logger.LogWarning("Round {Round} was due to open at {Opens:u} and close at {Closes:u}, and the worker was not running in between: it is closed without sending invitations",
                    round.Reference, round.OpensAt, round.ClosesAt);
                done.Add($"closed {round.Reference} without sending invitations (its time to open passed while the worker was not running)");
                continue;
            }

            if (catalog.Find(round.QuestionnaireId) is not { } questionnaire)
            {
                logger.LogError("Round {Round} cannot open: its questionnaire {Questionnaire} is no longer in config/questionnaires. Restore the file; the round opens at the next tick after that",
                    round.Reference, round.QuestionnaireId);
                done.Add($"could not open {round.Reference}: its questionnaire {round.QuestionnaireId} is missing");
                continue;
            }

            if (questionnaire.Version != round.QuestionnaireVersion)
                logger.LogWarning("Round {Round} was created with version {Created} of {Questionnaire}; sending version {Current}, the one on disk now",
                    round.Reference, round.QuestionnaireVersion, questionnaire.Id, questionnaire.Version);
            if (await OpenAsync(connection, round, questionnaire, cancellationToken) is { } opened)
                done.Add(opened);
        }

        return done;
    }

    private async Task<string?> OpenAsync(DbConnection connection, Round round, Questionnaire questionnaire, CancellationToken cancellationToken)
    {
        var queued = 0;
        while (true)
        {
            var batch = await NextBatchAsync(connection, round);
            if (batch.Count == 0)
                break;

            // Built before the transaction (templates, spreadsheets), so the write lock is held only to insert.
            var messages = batch.Select(to => (To: to, Message: mails.Build(RoundMailBuilder.Invitation, round, questionnaire, to))).ToList();
            if (!await QueueBatchAsync(connection, round, messages, cancellationToken))
                return null;
            queued += batch.Count;
        }

        var opened = await connection.ExecuteAsync("UPDATE rounds SET status = 'open', opened_at = @now WHERE id = @Id AND status = 'scheduled'",
            new { round.Id, now = DapperSetup.Format(clock.GetUtcNow()) });
        if (opened == 0)
            return null;
        var notInvited = (await connection.QueryAsync<string>("""
            SELECT c.name || ' (' || c.code || ')' FROM round_councils rc JOIN councils c ON c.code = rc.council_code
            WHERE rc.round_id = @Id AND rc.invitation_outbox_id IS NULL ORDER BY c.name
            """, new { round.Id })).ToList();
        logger.LogInformation("Round {Round} opened: {Queued} invitation(s) queued", round.Reference, queued);
        if (notInvited.Count > 0)
            logger.LogWarning("Round {Round}: {Count} council(s) have no lead contact and were not invited: {Councils}",
                round.Reference, notInvited.Count, string.Join(", ", notInvited));
        return $"opened {round.Reference} ({Plural(queued, "invitation")} queued" +
            (notInvited.Count > 0 ? $"; {Plural(notInvited.Count, "council")} not invited, no lead contact)" : ")");
    }

    private sealed record Pending(string CouncilCode, string CouncilName, long? ContactId);

    /// <summary>
    /// The next councils to invite, by code: those not yet invited that have a lead now. Each is addressed to all its leads;
    /// the one recorded is the lead chosen at creation while it is still a lead, else the oldest.
    /// </summary>
    private static async Task<List<RoundRecipient>> NextBatchAsync(DbConnection connection, Round round)
    {
        var pending = (await connection.QueryAsync<Pending>("""
            SELECT rc.council_code AS CouncilCode, c.name AS CouncilName, rc.contact_id AS ContactId
            FROM round_councils rc JOIN councils c ON c.code = rc.council_code
            WHERE rc.round_id = @Id AND rc.invitation_outbox_id IS NULL
            ORDER BY rc.council_code
            """, new { round.Id })).ToList();
        var leads = await ContactDirectory.LeadsAsync(pending.Select(p => p.CouncilCode), connection);
        return pending
            .Where(p => leads.ContainsKey(p.CouncilCode))
            .Take(BatchSize)
            .Select(p =>
            {
                var councilLeads = leads[p.CouncilCode];
                var chosen = councilLeads.FirstOrDefault(l => l.Id == p.ContactId) ?? councilLeads[0];
                return new RoundRecipient
                {
                    CouncilCode = p.CouncilCode,
                    CouncilName = p.CouncilName,
                    ContactId = chosen.Id,
                    LeadName = chosen.Name,
                    Email = chosen.Email,
                    Leads = councilLeads.Select(l => new RoundLead(l.Name, l.Email)).ToList(),
                };
            })
            .ToList();
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    /// <summary>False when the round was cancelled meanwhile or another process queued the same invitations first.</summary>
    private async Task<bool> QueueBatchAsync(DbConnection connection, Round round, List<(RoundRecipient To, MimeKit.MimeMessage Message)> messages,
        CancellationToken cancellationToken)
    {
        await using var transaction = connection.BeginTransaction();
        var status = await connection.ExecuteScalarAsync<string>("SELECT status FROM rounds WHERE id = @Id", new { round.Id }, transaction);
        if (status != RoundStatus.Scheduled)
            return false;
        var now = DapperSetup.Format(clock.GetUtcNow());
        foreach (var (to, message) in messages)
        {
            var outboxId = await outbox.EnqueueAsync(connection, transaction,
                new OutgoingMessage(RoundMailBuilder.Invitation, round.Topic, to.CouncilCode, message));
            var recorded = await connection.ExecuteAsync("""
                UPDATE round_councils SET invitation_outbox_id = @outboxId, invited_at = @now, contact_id = @ContactId
                WHERE round_id = @Id AND council_code = @CouncilCode AND invitation_outbox_id IS NULL
                """, new { outboxId, now, to.ContactId, round.Id, to.CouncilCode }, transaction);
            if (recorded == 0)
            {
                logger.LogDebug("Round {Round}: another process is queuing the invitations; leaving it to that one", round.Reference);
                return false; // disposing the transaction rolls the whole batch back
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
