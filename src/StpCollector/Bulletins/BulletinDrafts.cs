using System.Data.Common;
using StpCollector.Outbox;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Bulletins;

/// <summary>The editorial as the console shows it: the saved one (or the files', Version 0) and the next bulletin's draft, if any.</summary>
internal sealed record EditorialState(SavedEditorial Editorial, BulletinRecord? Draft);

/// <summary>What saving the editorial did: the editorial's new version, the draft it (re)built, and whether that took an approval back.</summary>
internal sealed record EditorialSaved(long Version, long? DraftId, bool ApprovalWithdrawn);

/// <summary>
/// The next bulletin's draft, worked on by staff: the editorial saved (which rebuilds the draft and takes back its
/// approval), previewed, approved by someone other than whoever changed it last, then sent now or at a chosen time.
/// The console and the command line both come here, so their rules are the same.
/// </summary>
internal sealed class BulletinDrafts(
    Database database,
    BulletinSchedule schedule,
    BulletinComposer composer,
    BulletinEditorial editorial,
    BulletinPublisher publisher,
    BulletinArchive archive,
    BulletinMessages messages,
    OutboxWriter outbox,
    TimeProvider clock)
{
    public const string FourEyesRefusal = "You made the last change to this bulletin, so another approver must approve it.";

    /// <summary>The period the next bulletin is for: the one due now while it is still undecided, otherwise the next one.</summary>
    public async Task<BulletinPeriod> NextPeriodAsync(DbConnection connection, DateTimeOffset now) =>
        schedule.Due(now) is { } due && (await BulletinStore.FindByPeriodAsync(connection, null, due.Key))?.Status
            is not (BulletinStore.Sent or BulletinStore.Skipped or BulletinStore.Missed)
            ? due
            : schedule.Next(now);

    public async Task<EditorialState> EditorialAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var saved = await EditorialStore.FindAsync(connection, null) ?? new SavedEditorial(editorial.FromFiles(), 0, null, null);
        var period = await NextPeriodAsync(connection, clock.GetUtcNow());
        var draft = await BulletinStore.FindByPeriodAsync(connection, null, period.Key);
        return new EditorialState(saved, draft?.Status is BulletinStore.Draft or BulletinStore.Approved ? draft : null);
    }

    /// <summary>The next bulletin as it would be sent with this editorial: HTML for any reader (charts inline) and the text part.</summary>
    public async Task<(string Html, string Text)> PreviewAsync(EditorialMarkdown markdown, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        BulletinPeriod period;
        await using (var connection = await database.OpenAsync(cancellationToken))
            period = await NextPeriodAsync(connection, now);
        var draft = await composer.BuildAsync(now, period.ScheduledFor, markdown, cancellationToken);
        return (archive.SelfContained(draft.Html, draft.Charts.Select(c => (c.FileName, c.Alt, c.Png)).ToList()),
            UnsubscribeLinks.ForAnyReaderText(draft.Text));
    }

    /// <summary>
    /// Saves the editorial over the version the person opened and rebuilds the next bulletin's draft with it (creating the
    /// draft when there is none), all in one transaction; the draft then counts as changed by <paramref name="actor"/>.
    /// With no figures yet there is no draft to build, and only the editorial is saved.
    /// </summary>
    public async Task<EditorialSaved> SaveEditorialAsync(EditorialMarkdown markdown, long version, string actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(markdown.Intro))
            throw new InvalidInputProblem("Enter the introduction: the bulletin opens with it (Markdown, e.g. a paragraph of news).", "Intro");
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        var period = await NextPeriodAsync(connection, now);
        BulletinDraft? draft;
        try
        {
            draft = await composer.BuildAsync(now, period.ScheduledFor, markdown, cancellationToken);
        }
        catch (ConflictProblem)
        {
            draft = null;
        }

        await using var transaction = (DbTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var saved = await EditorialStore.SaveAsync(connection, transaction, markdown, version, actor, now);
        var existing = await BulletinStore.FindByPeriodAsync(connection, transaction, period.Key);
        long? id = null;
        var withdrawn = false;
        if (draft is not null && existing is null)
        {
            id = await BulletinStore.InsertAsync(connection, transaction, period.Key, period.ScheduledFor, BulletinStore.Draft, draft, null, now);
            await BulletinStore.SaveChartsAsync(connection, transaction, id.Value, draft);
        }
        else if (draft is not null && existing!.Status is BulletinStore.Draft or BulletinStore.Approved)
        {
            id = existing.Id;
            await BulletinStore.ReplaceContentAsync(connection, transaction, existing.Id, draft);
        }

        if (id is { } changed)
            withdrawn = await BulletinStore.MarkChangedAsync(connection, transaction, changed, actor, now);
        await transaction.CommitAsync(cancellationToken);
        return new EditorialSaved(saved, id, withdrawn);
    }

    /// <summary>Approves a draft; never by whoever changed it last (four eyes).</summary>
    public async Task<BulletinRecord> ApproveAsync(long id, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var bulletin = await FindAsync(connection, id);
        if (bulletin.Status != BulletinStore.Draft)
            throw new ConflictProblem($"Bulletin {bulletin.Id} is {bulletin.Status}, not a draft; only drafts can be approved.");
        if (string.Equals(bulletin.ChangedBy, actor, StringComparison.OrdinalIgnoreCase))
            throw new ConflictProblem(FourEyesRefusal);
        if (await BulletinStore.ApproveAsync(connection, id, bulletin.ChangedBy, clock.GetUtcNow()) == 0)
            throw new ConflictProblem($"Bulletin {id} was changed while you were approving it: look at it again, and approve it if it is still right.");
        return (await BulletinStore.FindAsync(connection, null, id))!;
    }

    /// <summary>Sends an approved bulletin to every active subscriber now, through the outbox.</summary>
    public async Task<BulletinRecord> SendNowAsync(long id, CancellationToken cancellationToken)
    {
        await using (var connection = await database.OpenAsync(cancellationToken))
            MustBeApproved(await FindAsync(connection, id), "sent");
        return await publisher.SendApprovedAsync(id, cancellationToken)
            ?? throw new ConflictProblem($"Bulletin {id} was sent, or its approval taken back, a moment ago: look at it again.");
    }

    /// <summary>Moves an approved bulletin to another time (the sweep sends it when the time comes).</summary>
    public async Task<BulletinRecord> ScheduleAsync(long id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        MustBeApproved(await FindAsync(connection, id), "scheduled");
        if (at <= clock.GetUtcNow())
            throw new InvalidInputProblem("That time has passed: give a time in the future, or send the bulletin now.", "At");
        if (await BulletinStore.RescheduleAsync(connection, id, at) == 0)
            throw new ConflictProblem($"Bulletin {id} was sent, or its approval taken back, a moment ago: look at it again.");
        return (await BulletinStore.FindAsync(connection, null, id))!;
    }

    /// <summary>A copy of a bulletin to one address, marked as a test; returns the outbox message id.</summary>
    public async Task<long> TestSendAsync(long id, string address, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var bulletin = await FindAsync(connection, id);
        if (bulletin.Html.Length == 0)
            throw new ConflictProblem($"Bulletin {id} is {bulletin.Status} and has no content to send.");
        var charts = await BulletinStore.ChartsAsync(connection, null, id);
        return await QueueTestAsync(connection, bulletin.Subject, bulletin.Html, bulletin.Text, charts, address, cancellationToken);
    }

    /// <summary>Queues a test copy through the outbox, under its own kind so it is never counted as the bulletin's send.</summary>
    public async Task<long> QueueTestAsync(DbConnection connection, string subject, string html, string text,
        IReadOnlyList<(string Name, string Alt, byte[] Png)> charts, string address, CancellationToken cancellationToken)
    {
        var message = messages.CreateTest(subject, html, text, charts, address);
        await using var transaction = (DbTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var id = await outbox.EnqueueAsync(connection, transaction, new OutgoingMessage(TestOutboxKind, "bulletin-test", null, message));
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    /// <summary>Test copies go through the outbox like any mail, under their own kind so bounces never count against subscribers.</summary>
    public const string TestOutboxKind = "bulletin_test";

    private static void MustBeApproved(BulletinRecord bulletin, string what)
    {
        if (bulletin.Status == BulletinStore.Approved)
            return;
        throw new ConflictProblem(bulletin.Status == BulletinStore.Draft
            ? $"Bulletin {bulletin.Id} is not approved, so it cannot be {what}: an approver must approve it first."
            : $"Bulletin {bulletin.Id} is {bulletin.Status}, so it cannot be {what}.");
    }

    private static async Task<BulletinRecord> FindAsync(DbConnection connection, long id) =>
        await BulletinStore.FindAsync(connection, null, id)
        ?? throw new NotFoundProblem($"There is no bulletin {id} (see: stpcollector bulletin list).");
}
