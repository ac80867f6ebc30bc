using System.Data.Common;
using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Options;
using StpCollector.Audit;
using StpCollector.Calendar;
using StpCollector.Cli;
using StpCollector.Storage;

namespace StpCollector.Bulletins;

internal static class BulletinCommands
{
    public static Command Build()
    {
        var json = CommonOptions.Json();
        var list = new Command("list", "List bulletins: sent, skipped, drafts waiting for approval") { json };
        list.Handles(async (parse, services, cancellationToken) =>
        {
            await using var connection = await services.Get<Database>().OpenAsync(cancellationToken);
            var bulletins = await BulletinStore.ListAsync(connection);
            if (parse.GetValue(json))
                Output.Json(bulletins.Select(b => new { b.Id, b.PeriodKey, b.ScheduledFor, b.Status, b.Subject, b.Recipients, b.SentAt, b.ApprovedAt, b.Note }));
            else
                Output.Table(["Id", "For", "Status", "Recipients", "Subject", "Note"], bulletins.Select(b => new[]
                {
                    b.Id.ToString(CultureInfo.InvariantCulture), LondonTime.Short(b.ScheduledFor), b.Status,
                    b.Recipients.ToString(CultureInfo.InvariantCulture), b.Subject, b.Note,
                }), "No bulletins yet: see what the next one would say with `stpcollector bulletin preview`.");
            return ExitCodes.Ok;
        });

        var id = new Argument<long>("ID") { CustomParser = WholeNumber.Of<long>("ID"), Description = "Bulletin id (see: stpcollector bulletin list)" };
        var showJson = CommonOptions.Json();
        var show = new Command("show", "Show one bulletin: its text, its status and how its messages are doing in the outbox") { id, showJson };
        show.Handles(async (parse, services, cancellationToken) =>
        {
            await using var connection = await services.Get<Database>().OpenAsync(cancellationToken);
            var bulletin = await Get(connection, parse.GetValue(id));
            var delivery = await BulletinBrowser.DeliveryAsync(connection, bulletin.Id);
            var archived = services.Get<BulletinArchive>().FolderFor(bulletin);
            if (parse.GetValue(showJson))
            {
                Output.Json(new { bulletin.Id, bulletin.Status, bulletin.ScheduledFor, bulletin.Subject, bulletin.Recipients, bulletin.SentAt, bulletin.Note,
                    Delivery = delivery, Archive = Directory.Exists(archived) ? archived : null, Text = BulletinBrowser.TextForReading(bulletin) });
                return ExitCodes.Ok;
            }

            Console.Out.WriteLine($"Bulletin {bulletin.Id}: {bulletin.Subject}");
            Console.Out.WriteLine($"For {LondonTime.Describe(bulletin.ScheduledFor)}; status {bulletin.Status}" + (bulletin.Note is null ? "" : $" ({bulletin.Note})"));
            if (bulletin.SentAt is { } sentAt)
                Console.Out.WriteLine($"Queued {LondonTime.Describe(sentAt)} for {bulletin.Recipients} subscribers; outbox: " +
                    (delivery.Count == 0 ? "nothing" : string.Join(", ", delivery.Select(d => $"{d.Value} {d.Key}"))));
            if (Directory.Exists(archived))
                Console.Out.WriteLine($"Archived in {archived}");
            Console.Out.WriteLine();
            Console.Out.Write(BulletinBrowser.TextForReading(bulletin));
            return ExitCodes.Ok;
        });

        var output = new Option<string?>("--out") { Description = "Write the bulletin as one HTML file (charts included) to open in a browser" };
        var preview = new Command("preview", "Build the next bulletin from today's figures and show it (with approval on, this is the draft to approve)") { output };
        preview.Handles(async (parse, services, cancellationToken) =>
        {
            var (record, draftId) = await PreviewAsync(services, cancellationToken);
            var file = parse.GetValue(output);
            if (file is null)
                Console.Out.Write(UnsubscribeLinks.ForAnyReaderText(record.Text));
            else
            {
                await File.WriteAllTextAsync(file, services.Get<BulletinArchive>().SelfContained(record.Html, record.Charts), cancellationToken);
                Console.Out.WriteLine($"Wrote the preview to {Path.GetFullPath(file)}.");
            }

            Output.Error(draftId is { } draft
                ? $"This is draft bulletin {draft} for {LondonTime.Describe(record.ScheduledFor)} ({record.Status}). " +
                  (record.Status == BulletinStore.Approved ? "It is approved and will be sent then." : $"Approve it with: stpcollector bulletin approve {draft}")
                : $"Preview of the bulletin due {LondonTime.Describe(record.ScheduledFor)} (approval is off: it is built afresh when it is sent).");
            return ExitCodes.Ok;
        });

        var approveId = new Argument<long>("ID") { CustomParser = WholeNumber.Of<long>("ID"), Description = "Draft bulletin id (see: stpcollector bulletin list)" };
        var approve = new Command("approve", "Approve a draft bulletin so it is sent at its scheduled time") { approveId };
        approve.Handles(async (parse, services, cancellationToken) =>
        {
            // The same four-eyes rule as the console: whoever changed the bulletin last may not approve it.
            var bulletin = await services.Get<BulletinDrafts>().ApproveAsync(parse.GetValue(approveId), AuditActor.CommandLine().Name, cancellationToken);
            Console.Out.WriteLine($"Approved bulletin {bulletin.Id}; it will be sent {LondonTime.Describe(bulletin.ScheduledFor)}.");
            return ExitCodes.Ok;
        });

        return new Command("bulletin", "The network bulletin: preview, approve, send, test-send, list") { list, show, preview, approve, BulletinSendCommands.SendNow(), BulletinSendCommands.TestSend() };
    }

    internal sealed record Previewed(string Subject, string Html, string Text, IReadOnlyList<(string Name, string Alt, byte[] Png)> Charts, DateTimeOffset ScheduledFor, string Status);

    /// <summary>With approval on, builds (or rebuilds, while unapproved) the stored draft for the next period; otherwise renders without storing.</summary>
    internal static async Task<(Previewed Record, long? DraftId)> PreviewAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var now = services.Get<TimeProvider>().GetUtcNow();
        var options = services.Get<IOptions<BulletinOptions>>().Value;
        BulletinPeriod period;
        await using (var reading = await services.Get<Database>().OpenAsync(cancellationToken))
            period = await services.Get<BulletinDrafts>().NextPeriodAsync(reading, now);
        if (!options.RequireApproval)
        {
            var draft = await services.Get<BulletinComposer>().BuildAsync(now, period.ScheduledFor, cancellationToken);
            return (new Previewed(draft.Subject, draft.Html, draft.Text, draft.Charts.Select(c => (c.FileName, c.Alt, c.Png)).ToList(), period.ScheduledFor, "preview"), null);
        }

        await using var connection = await services.Get<Database>().OpenAsync(cancellationToken);
        var existing = await BulletinStore.FindByPeriodAsync(connection, null, period.Key);
        if (existing?.Status != BulletinStore.Approved)
        {
            var draft = await services.Get<BulletinComposer>().BuildAsync(now, period.ScheduledFor, cancellationToken);
            await using var transaction = (DbTransaction)await connection.BeginTransactionAsync(cancellationToken);
            if (existing is null)
            {
                var id = await BulletinStore.InsertAsync(connection, transaction, period.Key, period.ScheduledFor, BulletinStore.Draft, draft, null, now);
                await BulletinStore.SaveChartsAsync(connection, transaction, id, draft);
            }
            else
                await BulletinStore.ReplaceContentAsync(connection, transaction, existing.Id, draft);
            await transaction.CommitAsync(cancellationToken);
            existing = await BulletinStore.FindByPeriodAsync(connection, null, period.Key);
        }

        var charts = await BulletinStore.ChartsAsync(connection, null, existing!.Id);
        return (new Previewed(existing.Subject, existing.Html, existing.Text, charts, existing.ScheduledFor, existing.Status), existing.Id);
    }

    private static async Task<BulletinRecord> Get(DbConnection connection, long id) =>
        await BulletinStore.FindAsync(connection, null, id)
        ?? throw new UserFacingException($"There is no bulletin {id} (see: stpcollector bulletin list).", ExitCodes.Usage);
}
