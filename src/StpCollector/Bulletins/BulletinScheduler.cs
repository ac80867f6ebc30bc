using System.Data.Common;
using StpCollector.Calendar;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StpCollector.Storage;
using StpCollector.Templates;

namespace StpCollector.Bulletins;

/// <summary>What one pass of the scheduler did, in words, and when the next bulletin is due.</summary>
internal sealed record BulletinSchedulerPass(IReadOnlyList<string> Done, DateTimeOffset NextScheduledFor);

/// <summary>
/// Asks: is a period due (its time has come, within the grace window) and not yet decided? Then it sends it, skips
/// it when nothing is new, or, with approval on, sends the approved draft or says in the log why not. With approval
/// on it also builds the next period's draft ahead of time. Its own reads and writes share one connection.
/// </summary>
internal sealed class BulletinScheduler(
    Database database,
    BulletinSchedule schedule,
    BulletinComposer composer,
    BulletinPublisher publisher,
    TimeProvider clock,
    IOptions<BulletinOptions> options,
    ILogger<BulletinScheduler> logger)
{
    public async Task<BulletinSchedulerPass> RunDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await publisher.RepairArchiveAsync(connection);
        var done = new List<string>(await MarkMissedAsync(connection, now));
        done.AddRange(await SendApprovedDueAsync(connection, now, cancellationToken));
        if (schedule.Due(now) is { } due && await HandleDueAsync(connection, due, now, settings, cancellationToken) is { } handled)
            done.Add(handled);
        if (settings.RequireApproval && await PrepareDraftAsync(connection, schedule.Next(now), now, settings, cancellationToken) is { } drafted)
            done.Add(drafted);
        return new BulletinSchedulerPass(done, schedule.Next(now).ScheduledFor);
    }

    /// <summary>Deals with the due period; returns what it did, or null when the period was already decided.</summary>
    private async Task<string?> HandleDueAsync(DbConnection connection, BulletinPeriod due, DateTimeOffset now, BulletinOptions settings, CancellationToken cancellationToken)
    {
        var existing = await BulletinStore.FindByPeriodAsync(connection, null, due.Key);
        var when = LondonTime.Describe(due.ScheduledFor);
        switch (existing?.Status)
        {
            case BulletinStore.Sent or BulletinStore.Skipped or BulletinStore.Missed:
                return null;
            case BulletinStore.Approved when existing.ScheduledFor > now:
                return null;
            case BulletinStore.Approved:
                return await publisher.SendApprovedAsync(existing.Id, cancellationToken) is { } approved
                    ? $"sent bulletin {approved.Id} for {when} to {approved.Recipients} subscriber(s)"
                    : $"bulletin {existing.Id} for {when} was sent by another process";
            case BulletinStore.Draft:
                logger.LogWarning(
                    "Bulletin {Id} for {When} is not approved, so it is not sent. Check it with 'stpcollector bulletin preview' and approve it with 'stpcollector bulletin approve {Id}' before {Deadline}",
                    existing.Id, when, existing.Id, LondonTime.Describe(due.ScheduledFor + schedule.Grace));
                return $"bulletin {existing.Id} for {when} is not approved, so not sent: approve it with 'stpcollector bulletin approve {existing.Id}'";
        }

        if (!await HasFiguresAsync(connection, settings))
        {
            await RecordAsync(connection, due, BulletinStore.Skipped, null, $"no round of {settings.Questionnaire} has returns yet", now, cancellationToken);
            logger.LogInformation("Bulletin for {When} skipped: no round of {Questionnaire} has any returns yet, so there are no figures to quote",
                when, settings.Questionnaire);
            return $"skipped the bulletin for {when}: no round of {settings.Questionnaire} has returns yet";
        }

        var draft = await composer.BuildAsync(now, due.ScheduledFor, cancellationToken);
        if (draft.NothingNew && settings.SkipWhenNothingNew)
        {
            await RecordAsync(connection, due, BulletinStore.Skipped, null, $"nothing new since {LondonTime.Describe(draft.CoversFrom)}", now, cancellationToken);
            logger.LogInformation("Bulletin for {When} skipped: no returns received and no rounds opened since {Since} (Bulletins:SkipWhenNothingNew)",
                when, LondonTime.Describe(draft.CoversFrom));
            return $"skipped the bulletin for {when}: nothing new since {LondonTime.Describe(draft.CoversFrom)}";
        }

        if (settings.RequireApproval)
        {
            var id = await RecordAsync(connection, due, BulletinStore.Draft, draft, null, now, cancellationToken);
            logger.LogWarning("Bulletin {Id} for {When} was only drafted now and is not approved, so it is not sent. Approve it with 'stpcollector bulletin approve {Id}'",
                id, when, id);
            return $"drafted bulletin {id} for {when}; not sent until approved with 'stpcollector bulletin approve {id}'";
        }

        if (await publisher.SendNewAsync(due.Key, due.ScheduledFor, draft, cancellationToken) is { } sent)
            return $"sent bulletin {sent.Id} for {when} to {sent.Recipients} subscriber(s)";
        logger.LogInformation("Bulletin for {When} was already sent by another process", when);
        return $"the bulletin for {when} was sent by another process";
    }

    /// <summary>Approved bulletins whose time has come, including any staff moved to another time than their period's.</summary>
    private async Task<IReadOnlyList<string>> SendApprovedDueAsync(DbConnection connection, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var done = new List<string>();
        foreach (var approved in (await BulletinStore.ApprovedDueAsync(connection, now)).ToList())
        {
            var when = LondonTime.Describe(approved.ScheduledFor);
            done.Add(await publisher.SendApprovedAsync(approved.Id, cancellationToken) is { } sent
                ? $"sent bulletin {sent.Id} for {when} to {sent.Recipients} subscriber(s)"
                : $"bulletin {approved.Id} for {when} was sent by another process");
        }

        return done;
    }

    /// <summary>Builds the next period's draft when it is near; returns what it did, or null.</summary>
    private async Task<string?> PrepareDraftAsync(DbConnection connection, BulletinPeriod next, DateTimeOffset now, BulletinOptions settings, CancellationToken cancellationToken)
    {
        if (next.ScheduledFor - now > TimeSpan.FromHours(settings.DraftLeadHours))
            return null;
        if (await BulletinStore.FindByPeriodAsync(connection, null, next.Key) is not null)
            return null;
        if (!await HasFiguresAsync(connection, settings))
            return null;
        var draft = await composer.BuildAsync(now, next.ScheduledFor, cancellationToken);
        var id = await RecordAsync(connection, next, BulletinStore.Draft, draft, null, now, cancellationToken);
        logger.LogInformation("Draft bulletin {Id} for {When} is ready: check it with 'stpcollector bulletin preview' and approve it with 'stpcollector bulletin approve {Id}'",
            id, LondonTime.Describe(next.ScheduledFor), id);
        return $"draft bulletin {id} for {LondonTime.Describe(next.ScheduledFor)} is ready: approve it with 'stpcollector bulletin approve {id}'";
    }

    /// <summary>A new installation has no returns yet: that is a quiet period, not a failure.</summary>
    private static async Task<bool> HasFiguresAsync(DbConnection connection, BulletinOptions settings) =>
        await Reports.ReportRounds.LatestWithReturnsAsync(connection, settings.Questionnaire) is not null;

    /// <summary>Drafts whose period passed beyond the grace window unapproved are marked missed, once, with a warning.</summary>
    private async Task<IReadOnlyList<string>> MarkMissedAsync(DbConnection connection, DateTimeOffset now)
    {
        var missed = new List<string>();
        foreach (var late in await BulletinStore.UnsentBeforeAsync(connection, now - schedule.Grace))
        {
            if (await BulletinStore.SetStatusAsync(connection, null, late.Id, late.Status, BulletinStore.Missed, "not approved within the grace window", now) == 1)
            {
                logger.LogWarning("Bulletin {Id} for {When} was never approved and its grace window has passed; it will not be sent",
                    late.Id, LondonTime.Describe(late.ScheduledFor));
                missed.Add($"bulletin {late.Id} for {LondonTime.Describe(late.ScheduledFor)} missed (never approved)");
            }
        }

        return missed;
    }

    private static async Task<long> RecordAsync(DbConnection connection, BulletinPeriod period, string status, BulletinDraft? draft, string? note,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = (DbTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var id = await BulletinStore.InsertAsync(connection, transaction, period.Key, period.ScheduledFor, status, draft, note, now);
        if (draft is not null)
            await BulletinStore.SaveChartsAsync(connection, transaction, id, draft);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }
}
